/* status_pipe.h: the service's status pipe, \\.\pipe\PxeBridge: a thread of its own that
 * answers one client at a time with one request line in and one answer out
 * (status_proto.h). The pipe admits only SYSTEM and the Administrators group (its DACL,
 * PXB_PIPE_SDDL); it refuses remote clients, and is created as the first instance of its
 * name, so no other process can sit on the name before the service. A client that sends
 * nothing, or does not read its answer, is dropped after a few seconds. */
#ifndef PXB_STATUS_PIPE_H
#define PXB_STATUS_PIPE_H

#include <stddef.h>

#include "pxb_error.h"

#define PXB_PIPE_NAME L"\\\\.\\pipe\\PxeBridge"
/* Protected DACL: generic all for LocalSystem and for BUILTIN\Administrators, no one else. */
#define PXB_PIPE_SDDL L"D:P(A;;GA;;;SY)(A;;GA;;;BA)"

/* Answers one request line (len bytes, '\n' included if sent): the answer's text, on the
 * heap (freed by the pipe), or NULL when memory runs out. From the pipe's thread. */
typedef char *(*pxb_pipe_answer_fn)(void *ctx, const char *request, size_t len);

typedef struct pxb_status_pipe pxb_status_pipe;

/* Starts the pipe's thread. NULL with the reason in err if it cannot. */
pxb_status_pipe *pxb_status_pipe_start(pxb_pipe_answer_fn answer, void *ctx, pxb_error *err);
/* Ends the thread (a client being served is dropped) and frees everything. */
void pxb_status_pipe_stop(pxb_status_pipe *pipe);

#endif
