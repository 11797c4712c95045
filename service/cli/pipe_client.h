/* pipe_client.h: asks the running PxeBridge service over its status pipe (status_pipe.h,
 * status_proto.h): sends one request, reads the one-line JSON answer and checks its
 * protocol version and outcome. Also reads back the pipe's DACL, so that `status` can show
 * it is talking to the pipe the service made (SYSTEM and Administrators only). */
#ifndef PXB_CLI_PIPE_CLIENT_H
#define PXB_CLI_PIPE_CLIENT_H

#include <stddef.h>

#include "json_reader.h"
#include "pxb_error.h"
#include "status_proto.h"

enum cli_pipe_result {
    CLI_PIPE_OK,
    CLI_PIPE_ABSENT, /* no service listens: it is stopped or not installed */
    CLI_PIPE_FAILED  /* it is there but the request failed: err says why */
};

typedef struct cli_answer {
    char *text;      /* the answer as sent, one line */
    pxb_jvalue *doc; /* parsed, version and "ok" checked */
    char dacl[256];  /* the pipe's DACL in SDDL, or "" if it could not be read */
} cli_answer;

/* Sends req, fills a. Returns an enum cli_pipe_result; on CLI_PIPE_OK free a with
 * cli_answer_free. */
int cli_pipe_ask(const pxb_request *req, cli_answer *a, pxb_error *err);
void cli_answer_free(cli_answer *a);

#endif
