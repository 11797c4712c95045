/* pipe_client.c: one request to the service's status pipe (see pipe_client.h). */
#include "pipe_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include "status_pipe.h"
#include "win_text.h"

#define BUSY_WAIT_MS 5000
#define ANSWER_MAX (16u * 1024 * 1024)

static int failed(pxb_error *err, const char *what, DWORD code)
{
    char reason[256];
    pxb_describe_error(code, reason, sizeof reason);
    pxb_error_set(err, "%s: %s", what, reason);
    return CLI_PIPE_FAILED;
}

/* Opens the pipe, waiting a while if another client is being served. */
static int open_pipe(HANDLE *pipe, pxb_error *err)
{
    for (;;) {
        *pipe = CreateFileW(PXB_PIPE_NAME, GENERIC_READ | GENERIC_WRITE | READ_CONTROL, 0, NULL,
                            OPEN_EXISTING, 0, NULL);
        if (*pipe != INVALID_HANDLE_VALUE)
            return CLI_PIPE_OK;
        DWORD code = GetLastError();
        if (code == ERROR_FILE_NOT_FOUND)
            return CLI_PIPE_ABSENT;
        if (code == ERROR_ACCESS_DENIED)
            return failed(err, "the service's status pipe refused this user; run "
                          "from an elevated prompt (Administrators only)", code);
        if (code != ERROR_PIPE_BUSY || !WaitNamedPipeW(PXB_PIPE_NAME, BUSY_WAIT_MS))
            return failed(err, "the service's status pipe cannot be opened", code);
    }
}

static void read_dacl(HANDLE pipe, char *out, size_t out_len)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    LPWSTR sddl = NULL;
    out[0] = '\0';
    if (GetSecurityInfo(pipe, SE_KERNEL_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, NULL,
                        NULL, &sd) != ERROR_SUCCESS)
        return;
    if (ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1,
                                                             DACL_SECURITY_INFORMATION, &sddl,
                                                             NULL)) {
        char *text = pxb_utf8_from_wide(sddl, (size_t)-1);
        snprintf(out, out_len, "%s", text != NULL ? text : "");
        free(text);
        LocalFree(sddl);
    }
    LocalFree(sd);
}

/* Reads until the service closes its end; NULL with the reason in err. */
static char *read_all(HANDLE pipe, pxb_error *err)
{
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    DWORD done;
    while (buf != NULL) {
        if (len + 1 == cap) {
            char *grown = cap < ANSWER_MAX ? realloc(buf, cap * 2) : NULL;
            if (grown == NULL)
                break;
            buf = grown;
            cap *= 2;
        }
        if (!ReadFile(pipe, buf + len, (DWORD)(cap - 1 - len), &done, NULL) || done == 0) {
            buf[len] = '\0';
            if (memchr(buf, '\n', len) != NULL)
                return buf;
            failed(err, "the service closed its status pipe without an answer",
                   GetLastError());
            free(buf);
            return NULL;
        }
        len += done;
        if (memchr(buf + len - done, '\n', done) != NULL) {
            buf[len] = '\0';
            return buf;
        }
    }
    free(buf);
    pxb_error_set(err, "the service's answer is too long (or memory ran out)");
    return NULL;
}

/* Checks the envelope (status_proto.h). */
static int check_answer(cli_answer *a, pxb_error *err)
{
    pxb_error why;
    char *end = strchr(a->text, '\n');
    if (end != NULL)
        *end = '\0';
    a->doc = pxb_json_parse(a->text, strlen(a->text), &why);
    if (a->doc == NULL) {
        pxb_error_set(err, "the service's answer is not JSON (%s)", why.text);
        return CLI_PIPE_FAILED;
    }
    long long version = pxb_json_get_int(a->doc, "version", -1);
    if (version != PXB_PROTO_VERSION) {
        pxb_error_set(err, "the service speaks status protocol version %lld, this "
                      "pxebridge.exe version %d; use the pxebridge.exe installed with the service",
                      version, PXB_PROTO_VERSION);
        return CLI_PIPE_FAILED;
    }
    if (!pxb_json_get_int(a->doc, "ok", 0)) {
        pxb_error_set(err, "the service answered: %s",
                      pxb_json_get_text(a->doc, "error", "(no reason given)"));
        return CLI_PIPE_FAILED;
    }
    return CLI_PIPE_OK;
}

int cli_pipe_ask(const pxb_request *req, cli_answer *a, pxb_error *err)
{
    char line[PXB_PROTO_REQUEST_MAX];
    HANDLE pipe;
    DWORD done;
    memset(a, 0, sizeof *a);
    int len = pxb_proto_format(req, line, sizeof line);
    int rc = open_pipe(&pipe, err);
    if (rc != CLI_PIPE_OK)
        return rc;
    read_dacl(pipe, a->dacl, sizeof a->dacl);
    if (len < 0 || !WriteFile(pipe, line, (DWORD)len, &done, NULL) || done != (DWORD)len)
        rc = failed(err, "the request cannot be sent to the service", GetLastError());
    else if ((a->text = read_all(pipe, err)) == NULL)
        rc = CLI_PIPE_FAILED;
    else
        rc = check_answer(a, err);
    CloseHandle(pipe);
    if (rc != CLI_PIPE_OK)
        cli_answer_free(a);
    return rc;
}

void cli_answer_free(cli_answer *a)
{
    free(a->text);
    pxb_json_release(a->doc);
    a->text = NULL;
    a->doc = NULL;
}
