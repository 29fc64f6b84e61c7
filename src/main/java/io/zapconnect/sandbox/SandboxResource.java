package io.zapconnect.sandbox;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

/** What every resource of the emulator's API holds: its users, its faults, and the request. */
abstract class SandboxResource {

    @Inject
    SandboxUsers users;

    @Inject
    SandboxFaults faults;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /** The sandbox user the request's bearer token stands for, or Zapier's 401. */
    SandboxUser caller() {
        return users.byAuthorization(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
