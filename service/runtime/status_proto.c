/* status_proto.c: request lines and answer envelopes of the status pipe (see
 * status_proto.h). */
#include "status_proto.h"

#include <stdio.h>
#include <string.h>

#define PREFIX "PXB/"

static const char *const COMMANDS[] = {"status", "log", "clients"};
#define REQUESTS "status, log N, clients [ADDRESS|MAC]"

int pxb_proto_format(const pxb_request *req, char *out, size_t out_len)
{
    int n;
    if (req->command == PXB_PROTO_LOG)
        n = snprintf(out, out_len, PREFIX "%d log %u\n", PXB_PROTO_VERSION, req->lines);
    else if (req->command == PXB_PROTO_CLIENTS)
        n = snprintf(out, out_len, PREFIX "%d clients%s%s\n", PXB_PROTO_VERSION,
                     req->key[0] ? " " : "", req->key);
    else
        n = snprintf(out, out_len, PREFIX "%d status\n", PXB_PROTO_VERSION);
    return n >= 0 && (size_t)n < out_len ? n : -1;
}

static size_t next_word(const char **p, const char *end, const char **word);

/* "clients"' optional key after the space at *p. Returns 0, or -1 with err set. */
static int parse_key(const char **p, const char *end, pxb_request *req, pxb_error *err)
{
    if (*p == end)
        return 0;
    const char *word;
    size_t len = next_word(p, end, &word);
    if (len == 0 || len >= sizeof req->key) {
        pxb_error_set(err, "'clients' takes one address or MAC of at most %d characters",
                      PXB_PROTO_KEY_MAX - 1);
        return -1;
    }
    memcpy(req->key, word, len);
    req->key[len] = '\0';
    return 0;
}

/* Reads a decimal number of at most 9 digits at *p; -1 if there is none. */
static long read_number(const char **p, const char *end)
{
    long n = 0;
    int digits = 0;
    while (*p < end && **p >= '0' && **p <= '9' && digits < 10) {
        n = n * 10 + (**p - '0');
        (*p)++;
        digits++;
    }
    return digits == 0 || digits > 9 ? -1 : n;
}

/* The word after the space at *p: its start and length. */
static size_t next_word(const char **p, const char *end, const char **word)
{
    (*p)++;
    *word = *p;
    while (*p < end && **p != ' ')
        (*p)++;
    return (size_t)(*p - *word);
}

static int parse_command(const char *p, const char *end, pxb_request *req, pxb_error *err)
{
    const char *word;
    size_t len = next_word(&p, end, &word);
    int found = -1;
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strlen(COMMANDS[i]) == len && memcmp(COMMANDS[i], word, len) == 0)
            found = (int)i;
    if (found < 0) {
        pxb_error_set(err, "unknown request '%.*s'; requests: " REQUESTS, (int)len, word);
        return -1;
    }
    req->command = (enum pxb_proto_command)found;
    req->lines = 0;
    req->key[0] = '\0';
    if (req->command == PXB_PROTO_CLIENTS && parse_key(&p, end, req, err) != 0)
        return -1;
    if (req->command == PXB_PROTO_LOG) {
        if (p < end && *p == ' ')
            p++;
        long lines = read_number(&p, end);
        if (lines < 1 || lines > PXB_PROTO_LINES_MAX) {
            pxb_error_set(err, "'log' needs a number of lines from 1 to %d",
                          PXB_PROTO_LINES_MAX);
            return -1;
        }
        req->lines = (unsigned)lines;
    }
    if (p != end) {
        pxb_error_set(err, "unexpected text after the request '%s'", COMMANDS[found]);
        return -1;
    }
    return 0;
}

int pxb_proto_parse(const char *line, size_t len, pxb_request *req, pxb_error *err)
{
    const char *end = line + len;
    if (len > 0 && end[-1] == '\n')
        end--;
    if (end > line && end[-1] == '\r')
        end--;
    const char *p = line;
    if ((size_t)(end - p) < strlen(PREFIX) || memcmp(p, PREFIX, strlen(PREFIX)) != 0) {
        pxb_error_set(err, "not a request: it must start with '" PREFIX "%d '",
                      PXB_PROTO_VERSION);
        return -1;
    }
    p += strlen(PREFIX);
    long version = read_number(&p, end);
    if (version != PXB_PROTO_VERSION) {
        pxb_error_set(err, "protocol version %.*s is not supported; this service speaks "
                      PREFIX "%d", version < 0 ? 1 : (int)(p - line - strlen(PREFIX)),
                      version < 0 ? "?" : line + strlen(PREFIX), PXB_PROTO_VERSION);
        return -1;
    }
    if (p == end || *p != ' ') {
        pxb_error_set(err, "no request after '" PREFIX "%d'; requests: " REQUESTS,
                      PXB_PROTO_VERSION);
        return -1;
    }
    return parse_command(p, end, req, err);
}

void pxb_proto_begin(pxb_json *j)
{
    pxb_json_begin_object(j);
    pxb_json_field_int(j, "version", PXB_PROTO_VERSION);
    pxb_json_field_bool(j, "ok", 1);
}

void pxb_proto_error(pxb_json *j, const char *message)
{
    pxb_json_begin_object(j);
    pxb_json_field_int(j, "version", PXB_PROTO_VERSION);
    pxb_json_field_bool(j, "ok", 0);
    pxb_json_field_string(j, "error", message);
    pxb_json_key(j, "supported");
    pxb_json_begin_array(j);
    pxb_json_int(j, PXB_PROTO_VERSION);
    pxb_json_end_array(j);
    pxb_json_end_object(j);
}
