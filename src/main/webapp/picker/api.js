// @ts-check
/** Calls to Zapconnect's browser API, with one error type whose message the picker can show. */

/** An answer of our API that was not a success, with the problem's detail as its message. */
export class ApiError extends Error {
    /**
     * @param {string} message
     * @param {number} status
     * @param {number | null} retryAfter seconds, when the server said
     */
    constructor(message, status, retryAfter) {
        super(message);
        this.name = "ApiError";
        this.status = status;
        this.retryAfter = retryAfter;
    }
}

/** The header our API requires of every state-changing request: a cross-site form cannot send it. */
export const CSRF_HEADER = "X-Zapconnect-Request";

/**
 * Fetches JSON from our API. An error answer becomes an ApiError carrying the problem's `detail`;
 * a network failure becomes one with status 0. A request other than GET carries the CSRF header.
 *
 * @param {string | URL} url
 * @param {RequestInit} [init]
 * @param {string} [networkMessage] the message when the server could not be reached
 * @returns {Promise<any>}
 */
export async function fetchJSON(url, init = {}, networkMessage = "The server could not be reached.") {
    let response;
    try {
        const method = (init.method ?? "GET").toUpperCase();
        response = await fetch(url, {
            credentials: "same-origin",
            ...init,
            headers: {
                Accept: "application/json",
                ...(method === "GET" || method === "HEAD" ? {} : { [CSRF_HEADER]: "1" }),
                ...(init.headers ?? {}),
            },
        });
    } catch {
        throw new ApiError(networkMessage, 0, null);
    }
    const type = response.headers.get("Content-Type") ?? "";
    const body = type.includes("json") ? await response.json().catch(() => null) : null;
    if (!response.ok) {
        const retry = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
        const detail = body && typeof body.detail === "string" ? body.detail : `HTTP ${response.status}`;
        throw new ApiError(detail, response.status, Number.isNaN(retry) ? null : retry);
    }
    return body;
}

/**
 * The `Idempotency-Key` of one kind of request (a run, a Zap): the same key while the same body is
 * sent again after a failure that left its outcome unknown (no answer, a 5xx, the first still under
 * way), so that the server carries it out once; a new key once an answer came.
 */
export class IdempotencyKey {
    /** @type {string | null} */
    #body = null;
    #key = "";

    /**
     * @param {string} body the request's body
     * @returns {Record<string, string>} the header to send with it
     */
    headerFor(body) {
        if (body !== this.#body) {
            this.#body = body;
            this.#key = crypto.randomUUID();
        }
        return { "Idempotency-Key": this.#key };
    }

    /**
     * Says how the request ended: after a definite answer the next send is a new request.
     *
     * @param {unknown} [error] what it failed with, if it did
     */
    settled(error) {
        const unknown = error instanceof ApiError && (error.status === 0 || error.status === 409 || error.status >= 500);
        if (!unknown) {
            this.#body = null;
        }
    }
}
