/* status_pipe.c: the status pipe's server thread (see status_pipe.h), with overlapped I/O
 * so that a stop or a stuck client never holds it. */
#include "status_pipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sddl.h>

#include "log.h"
#include "status_proto.h"
#include "win_text.h"

#define OUT_BUFFER 65536
#define REQUEST_WAIT_MS 3000
#define ANSWER_WAIT_MS 5000
/* How long to wait before trying again when the pipe cannot be created. */
#define RETRY_MS 5000

struct pxb_status_pipe {
    pxb_pipe_answer_fn answer;
    void *ctx;
    SECURITY_ATTRIBUTES sa;
    PSECURITY_DESCRIPTOR sd;
    HANDLE stop;  /* manual-reset event: set to end the thread */
    HANDLE io;    /* the event of the overlapped call in progress */
    HANDLE thread;
};

/* Waits for an overlapped call started with result ok (the call's return value) to end.
 * Returns 0 with the bytes moved in *done, or -1 when it failed, timed out or a stop came
 * (the call is then cancelled). */
static int finish_io(pxb_status_pipe *p, HANDLE pipe, OVERLAPPED *ov, BOOL ok, DWORD wait_ms,
                     DWORD *done)
{
    if (!ok && GetLastError() != ERROR_IO_PENDING)
        return -1;
    HANDLE events[2] = {p->stop, ov->hEvent};
    if (WaitForMultipleObjects(2, events, FALSE, wait_ms) != WAIT_OBJECT_0 + 1) {
        CancelIo(pipe);
        GetOverlappedResult(pipe, ov, done, TRUE);
        return -1;
    }
    return GetOverlappedResult(pipe, ov, done, FALSE) ? 0 : -1;
}

static int wait_client(pxb_status_pipe *p, HANDLE pipe)
{
    OVERLAPPED ov = {.hEvent = p->io};
    DWORD done;
    if (ConnectNamedPipe(pipe, &ov) || GetLastError() == ERROR_PIPE_CONNECTED)
        return 0;
    return finish_io(p, pipe, &ov, FALSE, INFINITE, &done);
}

/* Reads the request line into buf (NUL-terminated). Returns its length, or -1. */
static long read_request(pxb_status_pipe *p, HANDLE pipe, char *buf, size_t cap)
{
    size_t len = 0;
    while (len + 1 < cap && memchr(buf, '\n', len) == NULL) {
        OVERLAPPED ov = {.hEvent = p->io};
        DWORD done = 0;
        BOOL ok = ReadFile(pipe, buf + len, (DWORD)(cap - 1 - len), NULL, &ov);
        if (finish_io(p, pipe, &ov, ok, REQUEST_WAIT_MS, &done) != 0 || done == 0)
            break;
        len += done;
    }
    buf[len] = '\0';
    return len > 0 ? (long)len : -1;
}

static void write_answer(pxb_status_pipe *p, HANDLE pipe, const char *text)
{
    size_t len = strlen(text), sent = 0;
    while (sent < len) {
        OVERLAPPED ov = {.hEvent = p->io};
        DWORD done = 0;
        DWORD chunk = len - sent > OUT_BUFFER ? OUT_BUFFER : (DWORD)(len - sent);
        BOOL ok = WriteFile(pipe, text + sent, chunk, NULL, &ov);
        if (finish_io(p, pipe, &ov, ok, ANSWER_WAIT_MS, &done) != 0 || done == 0)
            return;
        sent += done;
    }
}

/* Disconnecting drops what the client has not read yet: wait for it to close its end. */
static void wait_client_done(pxb_status_pipe *p, HANDLE pipe)
{
    char byte;
    OVERLAPPED ov = {.hEvent = p->io};
    DWORD done;
    BOOL ok = ReadFile(pipe, &byte, 1, NULL, &ov);
    finish_io(p, pipe, &ov, ok, ANSWER_WAIT_MS, &done);
}

static void serve_client(pxb_status_pipe *p, HANDLE pipe)
{
    char request[PXB_PROTO_REQUEST_MAX];
    long len = read_request(p, pipe, request, sizeof request);
    if (len < 0)
        return;
    char *answer = p->answer(p->ctx, request, (size_t)len);
    if (answer == NULL)
        return;
    write_answer(p, pipe, answer);
    free(answer);
    wait_client_done(p, pipe);
}

/* One instance of the pipe; INVALID_HANDLE_VALUE (logged) when it can't be made. */
static HANDLE create_instance(pxb_status_pipe *p)
{
    HANDLE pipe = CreateNamedPipeW(
        PXB_PIPE_NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1,
        OUT_BUFFER, PXB_PROTO_REQUEST_MAX, 0, &p->sa);
    if (pipe == INVALID_HANDLE_VALUE) {
        char reason[256];
        pxb_describe_error(GetLastError(), reason, sizeof reason);
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC,
                "the status pipe cannot be created (%s): 'pxebridge status' cannot reach the "
                "service; trying again in %d s", reason, RETRY_MS / 1000);
    }
    return pipe;
}

static DWORD WINAPI serve(LPVOID arg)
{
    pxb_status_pipe *p = arg;
    while (WaitForSingleObject(p->stop, 0) != WAIT_OBJECT_0) {
        HANDLE pipe = create_instance(p);
        if (pipe == INVALID_HANDLE_VALUE) {
            WaitForSingleObject(p->stop, RETRY_MS);
            continue;
        }
        if (wait_client(p, pipe) == 0)
            serve_client(p, pipe);
        DisconnectNamedPipe(pipe);
        CloseHandle(pipe);
    }
    return 0;
}

static void release(pxb_status_pipe *p)
{
    if (p->stop != NULL)
        CloseHandle(p->stop);
    if (p->io != NULL)
        CloseHandle(p->io);
    if (p->sd != NULL)
        LocalFree(p->sd);
    free(p);
}

/* Frees p and says why it could not start (the last error, after what). */
static pxb_status_pipe *give_up(pxb_status_pipe *p, const char *what, pxb_error *err)
{
    char reason[256];
    pxb_describe_error(GetLastError(), reason, sizeof reason);
    pxb_error_set(err, "no status pipe: %s%s", what, reason);
    release(p);
    return NULL;
}

pxb_status_pipe *pxb_status_pipe_start(pxb_pipe_answer_fn answer, void *ctx, pxb_error *err)
{
    pxb_status_pipe *p = calloc(1, sizeof *p);
    if (p == NULL) {
        pxb_error_set(err, "no status pipe: out of memory");
        return NULL;
    }
    p->answer = answer;
    p->ctx = ctx;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(PXB_PIPE_SDDL, SDDL_REVISION_1,
                                                              &p->sd, NULL) ||
        (p->stop = CreateEventW(NULL, TRUE, FALSE, NULL)) == NULL ||
        (p->io = CreateEventW(NULL, TRUE, FALSE, NULL)) == NULL)
        return give_up(p, "", err);
    p->sa.nLength = sizeof p->sa;
    p->sa.lpSecurityDescriptor = p->sd;
    p->sa.bInheritHandle = FALSE;
    p->thread = CreateThread(NULL, 0, serve, p, 0, NULL);
    if (p->thread == NULL)
        return give_up(p, "its thread cannot start: ", err);
    return p;
}

void pxb_status_pipe_stop(pxb_status_pipe *p)
{
    if (p == NULL)
        return;
    SetEvent(p->stop);
    WaitForSingleObject(p->thread, INFINITE);
    CloseHandle(p->thread);
    release(p);
}
