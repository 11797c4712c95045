/* status_proto.h: the request/response format of the service's status pipe, versioned. A
 * request is one line, "PXB/<version> <command>[ <argument>]\n": "PXB/1 status\n",
 * "PXB/1 log 50\n", "PXB/1 clients\n", "PXB/1 clients 10.0.0.57\n". The answer is one JSON document on one line that starts with the
 * protocol version and whether the request was served: {"version": 1, "ok": true, ...}, or
 * {"version": 1, "ok": false, "error": "...", "supported": [1]} for a request the service
 * cannot serve (an unknown version among them). Portable: both ends use it. */
#ifndef PXB_STATUS_PROTO_H
#define PXB_STATUS_PROTO_H

#include <stddef.h>

#include "json_writer.h"
#include "pxb_error.h"

#define PXB_PROTO_VERSION 1
/* Longest request line, '\n' and NUL included. */
#define PXB_PROTO_REQUEST_MAX 128
/* Most log lines one request may ask for. */
#define PXB_PROTO_LINES_MAX 10000

/* Longest client key (an address or a MAC) of "clients KEY", NUL included. */
#define PXB_PROTO_KEY_MAX 64

enum pxb_proto_command { PXB_PROTO_STATUS, PXB_PROTO_LOG, PXB_PROTO_CLIENTS };

typedef struct pxb_request {
    enum pxb_proto_command command;
    unsigned lines;              /* log: how many of the newest lines */
    char key[PXB_PROTO_KEY_MAX]; /* clients: the one client asked for, "" for all */
} pxb_request;

/* Writes req as a request line into out. Returns its length, or -1 if out is too small. */
int pxb_proto_format(const pxb_request *req, char *out, size_t out_len);

/* Parses a request line (its '\n' optional). Returns 0, or -1 with what is wrong in err
 * (for pxb_proto_error). */
int pxb_proto_parse(const char *line, size_t len, pxb_request *req, pxb_error *err);

/* Opens the answer's object with "version" and "ok": true; the caller adds its members
 * and closes it. */
void pxb_proto_begin(pxb_json *j);

/* The whole answer to a request that cannot be served. */
void pxb_proto_error(pxb_json *j, const char *message);

#endif
