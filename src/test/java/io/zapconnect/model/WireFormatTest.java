package io.zapconnect.model;

import io.zapconnect.it.SandboxIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.client.ZapierJsonProvider;
import io.zapconnect.error.ZapierUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the reference's examples verbatim, quirks included, as the client reads them. */
class WireFormatTest {

    @Test
    void readsTheReferenceAppsExample() {
        Page<App> page = read("apps.json", App.class);

        assertEquals(1, page.data().size());
        App hubspot = page.data().get(0);
        assertEquals("1e4fcbf4-d80b-4ec3-b33b-c085f1ecbbaa", hubspot.id());
        assertEquals("HubSpot", hubspot.title());
        assertEquals("8bcbca", hubspot.hexColor());
        assertEquals(List.of("READ"), hubspot.actionTypes());
        assertEquals("partners", hubspot.categories().get(0).slug());
        assertEquals("…", hubspot.images().get("url_64x64"));
        assertTrue(hubspot.requiresAuthentication());
        assertTrue(hubspot.connectNewAuthentication().orElseThrow().startsWith("https://zapier.com/engine/auth/start/"));
        assertEquals(1, page.meta().count());
        assertEquals(10, page.meta().limit());
        assertTrue(page.links().nextPage().isEmpty());
        assertTrue(page.links().previousPage().isEmpty());
    }

    @Test
    void survivesTheOpenApiAppsExampleWrappedInAnArrayWithLinksPrevious() {
        Page<App> page = read("apps-openapi-wrapped.json", App.class);

        assertEquals("HubSpot", page.data().get(0).title());
        assertEquals(10, page.meta().offset());
        assertEquals("https://api.zapier.com/v2/apps?offset=20&limit=10", page.links().nextPage().orElseThrow());
        assertEquals("https://api.zapier.com/v2/apps?offset=0&limit=10", page.links().previousPage().orElseThrow());
    }

    @Test
    void anAppWithANullConnectLinkNeedsNoAuthentication() {
        Page<App> page = ZapierJsonProvider.read("""
                {"data":[{"id":"5d4b1a2c-0000-4000-8000-000000000001","type":"app","title":"Webhooks by Zapier",
                  "links":{"connect_new_authentication":null}}],"links":{"next":null,"prev":null},
                 "meta":{"count":1,"limit":10,"offset":0}}""", pageOf(App.class));

        assertFalse(page.data().get(0).requiresAuthentication());
        assertTrue(page.data().get(0).connectNewAuthentication().isEmpty());
    }

    @Test
    void readsTheReferenceAuthenticationsExamples() {
        Page<Authentication> page = read("authentications.json", Authentication.class);

        assertEquals(List.of("49509", "96983"), page.data().stream().map(Authentication::id).toList());
        Authentication wade = page.data().get(0);
        assertEquals(SandboxIds.CRM, wade.appId());
        assertEquals("SuperExampleCRM (wade@zapier.com)", wade.title());
        assertFalse(wade.expired());
        assertEquals(2, page.meta().count());

        Authentication sheets = read("authentications-openapi.json", Authentication.class).data().get(0);
        assertEquals("example_akLLd8kB", sheets.id());
        assertEquals(SandboxIds.SHEETS, sheets.appId());
    }

    @Test
    void readsAnAuthenticationWhoseAppIsEmbeddedAndExpired() {
        Authentication auth = read("authentications-embedded-app.json", Authentication.class).data().get(0);

        assertEquals("1e4fcbf4-d80b-4ec3-b33b-c085f1ecbbaa", auth.appId());
        assertEquals("HubSpot", auth.app().embedded().orElseThrow().title());
        assertTrue(auth.expired());
    }

    @Test
    void readsTheReferenceInputsExampleWithFormatAndItemsAbsent() {
        Page<InputItem> page = read("inputs.json", InputItem.class);

        assertNull(page.meta().limit());
        InputField data = assertInstanceOf(InputField.class, page.data().get(0));
        assertEquals("input", data.id());
        assertEquals("OBJECT", data.valueType());
        assertNull(data.format());
        assertNull(data.items());
        assertFalse(data.required());
        InputField code = assertInstanceOf(InputField.class, page.data().get(1));
        assertEquals("CODE", code.format());
        assertEquals("// …", code.defaultValue());
        assertTrue(code.required());
    }

    @Test
    void readsInfoFieldsAndFieldsetsAndLeavesOutUnknownTypes() {
        List<InputItem> items = read("inputs-mixed.json", InputItem.class).data();

        InfoField about = assertInstanceOf(InfoField.class, items.get(0));
        assertEquals("Rows are added at the bottom.", about.description());
        Fieldset row = assertInstanceOf(Fieldset.class, items.get(1));
        assertEquals("Row", row.title());
        InputField sheet = assertInstanceOf(InputField.class, row.fields().get(0));
        assertEquals("SELECT", sheet.format());
        assertTrue(sheet.invalidatesInputFields());
        assertEquals(Map.of("a", "Sheet A", "b", "Sheet B"), sheet.items());
        assertInstanceOf(InfoField.class, row.fields().get(1));
        assertNull(items.get(2), "an unknown item type reads as null; the facade drops it");
        InputField note = assertInstanceOf(InputField.class, items.get(3));
        assertEquals(List.of(), note.dependsOn());
    }

    @Test
    void readsAFieldsScalarsAsJsonBWouldAndNestedFieldsetsToAnyDepth() {
        List<InputItem> items = ZapierJsonProvider.<Page<InputItem>>read("""
                {"data": [{"type": "input_field", "id": "amount", "default_value": 12.5, "is_required": "true",
                           "depends_on": ["stage", null], "items": {"1": "One", "2": 2}, "extra": {"ignored": [1]}},
                          {"type": "fieldset", "id": "outer", "fields": [
                              {"type": "fieldset", "id": "inner", "title": "Inner", "fields": [
                                  {"type": "input_field", "id": "deep", "invalidates_input_fields": true},
                                  {"type": "future_kind", "id": "x"}]}]}],
                 "links": {"next": null, "prev": null}, "meta": {"count": 2}}""", pageOf(InputItem.class)).data();

        InputField amount = assertInstanceOf(InputField.class, items.get(0));
        assertEquals("12.5", amount.defaultValue());
        assertTrue(amount.required());
        assertEquals(List.of("stage"), amount.dependsOn());
        assertEquals(Map.of("1", "One", "2", "2"), amount.items());
        Fieldset outer = assertInstanceOf(Fieldset.class, items.get(1));
        Fieldset inner = assertInstanceOf(Fieldset.class, outer.fields().get(0));
        assertEquals("Inner", inner.title());
        assertEquals(1, inner.fields().size(), "the unknown kind is left out at any depth");
        assertTrue(assertInstanceOf(InputField.class, inner.fields().get(0)).invalidatesInputFields());
    }

    @Test
    void aFieldOfTheWrongShapeIsAnUnreadableAnswer() {
        for (String field : List.of("{\"type\": \"input_field\", \"id\": {\"not\": \"text\"}}",
                "{\"type\": \"input_field\", \"id\": \"a\", \"is_required\": 1}",
                "{\"type\": \"input_field\", \"id\": \"a\", \"depends_on\": \"b\"}",
                "{\"type\": \"input_field\", \"id\": \"a\", \"items\": [\"b\"]}")) {
            assertThrows(ZapierUnavailableException.class, () -> ZapierJsonProvider.read("{\"data\": [" + field
                    + "], \"links\": {}, \"meta\": {}}", pageOf(InputItem.class)), field);
        }
    }

    @Test
    void readsActionsAndChoices() {
        Action action = read("actions.json", Action.class).data().get(0);
        assertEquals("core:8yjfgwyq03zskh3LOe9jPa5dOeW", action.id());
        assertEquals("READ", action.actionType());
        assertTrue(action.instant());
        assertEquals("1e4fcbf4-d80b-4ec3-b33b-c085f1ecbbaa", action.app().id());

        Page<Choice> choices = read("choices.json", Choice.class);
        assertEquals("First", choices.data().get(0).label());
        assertEquals(1, choices.meta().page());
    }

    @Test
    void writesANullAuthenticationExplicitly() {
        String body = ZapierJsonProvider.write(new Data<>(new InputsRequest(null, Map.of())));

        assertEquals("{\"data\":{\"authentication\":null,\"inputs\":{}}}", body);
    }

    @Test
    void writesAChosenAuthenticationAndInputsWithNullValues() {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("cleared", null);
        String body = ZapierJsonProvider.write(new Data<>(new InputsRequest("49509", inputs)));

        assertEquals("{\"data\":{\"authentication\":\"49509\",\"inputs\":{\"cleared\":null}}}", body);
    }

    @Test
    void writesANewAuthenticationUnderZapiersNames() {
        String body = ZapierJsonProvider.write(new Data<>(new NewAuthentication("My new auth",
                SandboxIds.CRM, Map.of("api_key", "k"))));

        assertEquals("{\"data\":{\"app\":\"4b3920d6-1d5a-4071-b837-9383dc511b80\","
                + "\"authentication_fields\":{\"api_key\":\"k\"},\"title\":\"My new auth\"}}", body);
    }

    @Test
    void malformedJsonIsAnUnreadableResponse() {
        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class,
                () -> ZapierJsonProvider.read("{\"data\":[{\"id\":", pageOf(App.class)));
        assertEquals(ZapierUnavailableException.Reason.UNREADABLE_RESPONSE, e.reason());

        assertThrows(ZapierUnavailableException.class, () -> ZapierJsonProvider.read("[]", pageOf(App.class)));
        assertThrows(ZapierUnavailableException.class, () -> ZapierJsonProvider.read("\"text\"", pageOf(App.class)));
        assertThrows(ZapierUnavailableException.class,
                () -> ZapierJsonProvider.read("{\"data\":{\"not\":\"a list\"}}", pageOf(App.class)));
    }

    static <T> Page<T> read(String resource, Class<T> item) {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/zapier/" + resource)) {
            return ZapierJsonProvider.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), pageOf(item));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ParameterizedType pageOf(Class<?> item) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {item};
            }

            @Override
            public Type getRawType() {
                return Page.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }
}
