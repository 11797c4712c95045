/* evloop_iocp.c: the event loop (evloop.h) on Windows, over an I/O completion port. Each
 * socket in the loop keeps one overlapped receive posted into an inbox of its registration
 * (net_win32.h): it completes when a datagram has arrived, the callback's pxb_udp_recv
 * takes it from there and reads on directly what else waits, and the next receive is
 * posted once the callback is done. Against the zero-byte MSG_PEEK this loop posted before
 * (libuv's way for UDP), that saves a read per wake-up: a lock-step transfer under wine
 * makes a quarter fewer wineserver requests (docs/performance.md). A wait costs what the
 * sockets with something to read cost, not what all the sockets cost: WSAPoll walks every
 * socket each round (3.9 ms for 1000 idle sockets under wine).
 * Completions are fetched in batches with GetQueuedCompletionStatusEx; a wake-up is a
 * completion packet posted from any thread. A registration outlives its removal until its
 * receive has come back (closing the socket cancels it), since the OS writes into it. */
#include "evloop.h"

#include <stdlib.h>
#include <string.h>
#include <winsock2.h>

#include "net_win32.h"

#define BATCH 256

/* the receive's datagram, then direct reads (evloop.h) */
const int pxb_evloop_transfer_reads = 64;
#define SOCKET_KEY ((ULONG_PTR)0)
#define WAKE_KEY ((ULONG_PTR)1)

typedef struct registration {
    pxb_udp_inbox inbox;               /* the posted receive's; the completion points here */
    pxb_udp *sock;                     /* NULL once removed */
    void *tag;
    int armed;                         /* a receive is posted and has not come back */
    int ready;                         /* on the ready list */
    struct registration *next_ready;
    struct registration *prev, *next;  /* every registration, for destroy */
} registration;

struct pxb_evloop {
    HANDLE port;
    registration *all;
    registration *ready;    /* readable, but no receive could be posted to tell it */
    registration *current;  /* the one whose callback runs */
    volatile LONG wake_pending;
};

pxb_evloop *pxb_evloop_create(void)
{
    pxb_evloop *loop = calloc(1, sizeof *loop);
    if (loop == NULL)
        return NULL;
    loop->port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1);
    if (loop->port == NULL) {
        free(loop);
        return NULL;
    }
    return loop;
}

static void free_registration(pxb_evloop *loop, registration *reg)
{
    if (reg->prev)
        reg->prev->next = reg->next;
    else
        loop->all = reg->next;
    if (reg->next)
        reg->next->prev = reg->prev;
    free(reg);
}

void pxb_evloop_destroy(pxb_evloop *loop)
{
    if (loop == NULL)
        return;
    CloseHandle(loop->port);
    while (loop->all != NULL)
        free_registration(loop, loop->all);
    free(loop);
}

/* Posts reg's next receive. When none could be posted (a datagram still unread, or a
 * failure that queues nothing) the socket goes on the ready list: its callback reads what
 * waits, or meets the error. */
static void arm(pxb_evloop *loop, registration *reg)
{
    if (pxb_udp_post_receive(reg->sock) == 0) {
        reg->armed = 1;
        return;
    }
    reg->ready = 1;
    reg->next_ready = loop->ready;
    loop->ready = reg;
}

int pxb_evloop_add(pxb_evloop *loop, pxb_udp *sock, void *tag)
{
    void **entry = pxb_udp_loop_entry(sock);
    if (*entry != NULL)
        return -1; /* already in a loop */
    registration *reg = calloc(1, sizeof *reg);
    if (reg == NULL)
        return -1;
    HANDLE h = (HANDLE)(uintptr_t)pxb_udp_handle(sock);
    if (CreateIoCompletionPort(h, loop->port, SOCKET_KEY, 0) == NULL) {
        free(reg);
        return -1;
    }
    reg->sock = sock;
    reg->tag = tag;
    reg->next = loop->all;
    if (loop->all)
        loop->all->prev = reg;
    loop->all = reg;
    *entry = reg;
    pxb_udp_set_inbox(sock, &reg->inbox);
    arm(loop, reg);
    return 0;
}

void pxb_evloop_remove(pxb_evloop *loop, pxb_udp *sock)
{
    void **entry = pxb_udp_loop_entry(sock);
    registration *reg = *entry;
    if (reg == NULL)
        return;
    *entry = NULL;
    pxb_udp_set_inbox(sock, NULL);
    reg->sock = NULL;
    if (!reg->armed && !reg->ready && reg != loop->current)
        free_registration(loop, reg);
}

/* Runs reg's callback and posts its next receive; frees it if it was removed meanwhile. */
static int report(pxb_evloop *loop, registration *reg, void (*on_readable)(void *, void *),
                  void *ctx)
{
    int called = 0;
    if (reg->sock != NULL) {
        loop->current = reg;
        on_readable(ctx, reg->tag);
        loop->current = NULL;
        called = 1;
    }
    if (reg->sock != NULL)
        arm(loop, reg);
    else
        free_registration(loop, reg);
    return called;
}

/* Reports the sockets of the ready list, taken whole: those it gains meanwhile wait. */
static int report_ready(pxb_evloop *loop, void (*on_readable)(void *, void *), void *ctx)
{
    registration *reg = loop->ready;
    int calls = 0;
    loop->ready = NULL;
    while (reg != NULL) {
        registration *next = reg->next_ready;
        reg->ready = 0;
        calls += report(loop, reg, on_readable, ctx);
        reg = next;
    }
    return calls;
}

int pxb_evloop_wait(pxb_evloop *loop, int timeout_ms, void (*on_readable)(void *ctx, void *tag),
                    void *ctx)
{
    OVERLAPPED_ENTRY entries[BATCH];
    ULONG n = 0;
    DWORD wait = loop->ready ? 0 : timeout_ms < 0 ? INFINITE : (DWORD)timeout_ms;
    if (!GetQueuedCompletionStatusEx(loop->port, entries, BATCH, &n, wait, FALSE)) {
        if (GetLastError() != WAIT_TIMEOUT)
            return -1;
        n = 0;
    }
    int calls = report_ready(loop, on_readable, ctx);
    for (ULONG i = 0; i < n; i++) {
        if (entries[i].lpCompletionKey == WAKE_KEY) {
            InterlockedExchange(&loop->wake_pending, 0);
            continue;
        }
        registration *reg = CONTAINING_RECORD(entries[i].lpOverlapped, registration, inbox.ov);
        reg->armed = 0;
        calls += report(loop, reg, on_readable, ctx);
    }
    return calls;
}

void pxb_evloop_wake(pxb_evloop *loop)
{
    if (InterlockedExchange(&loop->wake_pending, 1) != 0)
        return;
    if (!PostQueuedCompletionStatus(loop->port, 0, WAKE_KEY, NULL))
        InterlockedExchange(&loop->wake_pending, 0); /* let the next wake-up try again */
}
