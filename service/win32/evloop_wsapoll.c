/* evloop_wsapoll.c: the event loop (evloop.h) on Windows, over WSAPoll. The sockets sit in
 * one growable pollfd array; each socket remembers its index (net_win32.h), so removal is a
 * swap with the last entry. A wake-up from another thread is a datagram sent to a loopback
 * UDP socket that sits in the poll set like any other (entry 0). */
#include "evloop.h"

#include <limits.h>
#include <stdlib.h>
#include <winsock2.h>

#include "log.h"
#include "net_win32.h"

#define FIRST_CAPACITY 64
#define WAKE_DRAIN_MAX 64

typedef struct poll_entry {
    pxb_udp *sock;
    void *tag;
} poll_entry;

struct pxb_evloop {
    WSAPOLLFD *fds;       /* fds[i] is entries[i]'s socket; index 0 is the wake socket */
    poll_entry *entries;
    size_t count, cap;
    pxb_udp *wake_rx;     /* in the poll set; a datagram here ends a wait */
    pxb_udp *wake_tx;     /* sends that datagram */
    pxb_addr wake_to;     /* wake_rx's address */
    volatile LONG wake_pending; /* a wake-up datagram is on its way: don't send another */
};

static int grow(pxb_evloop *loop)
{
    size_t cap = loop->cap ? loop->cap * 2 : FIRST_CAPACITY;
    WSAPOLLFD *fds = realloc(loop->fds, cap * sizeof *fds);
    if (fds == NULL)
        return -1;
    loop->fds = fds;
    poll_entry *entries = realloc(loop->entries, cap * sizeof *entries);
    if (entries == NULL)
        return -1;
    loop->entries = entries;
    loop->cap = cap;
    return 0;
}

/* Appends sock at the end of the poll set. */
static int append(pxb_evloop *loop, pxb_udp *sock, void *tag)
{
    if (loop->count == loop->cap && grow(loop) != 0)
        return -1;
    size_t i = loop->count++;
    loop->fds[i].fd = (SOCKET)pxb_udp_handle(sock);
    loop->fds[i].events = POLLRDNORM;
    loop->fds[i].revents = 0;
    loop->entries[i].sock = sock;
    loop->entries[i].tag = tag;
    *pxb_udp_poll_slot(sock) = i;
    return 0;
}

/* Opens the loopback socket pair that carries wake-ups. */
static int open_wake_pair(pxb_evloop *loop)
{
    char err[256];
    pxb_addr loopback = {.family = PXB_AF_INET4, .ip = {127, 0, 0, 1}};
    loop->wake_rx = pxb_udp_open(&loopback, 0, 0, err, sizeof err);
    if (loop->wake_rx != NULL)
        loop->wake_tx = pxb_udp_open(&loopback, 0, 0, err, sizeof err);
    if (loop->wake_tx == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_GENERIC, "event loop: no wake-up socket: %s", err);
        return -1;
    }
    pxb_udp_local(loop->wake_rx, &loop->wake_to);
    return append(loop, loop->wake_rx, NULL);
}

pxb_evloop *pxb_evloop_create(void)
{
    pxb_evloop *loop = calloc(1, sizeof *loop);
    if (loop == NULL)
        return NULL;
    if (open_wake_pair(loop) != 0) {
        pxb_evloop_destroy(loop);
        return NULL;
    }
    return loop;
}

void pxb_evloop_destroy(pxb_evloop *loop)
{
    if (loop == NULL)
        return;
    pxb_udp_close(loop->wake_rx);
    pxb_udp_close(loop->wake_tx);
    free(loop->fds);
    free(loop->entries);
    free(loop);
}

int pxb_evloop_add(pxb_evloop *loop, pxb_udp *sock, void *tag)
{
    if (*pxb_udp_poll_slot(sock) != PXB_NO_POLL_SLOT)
        return -1; /* already in a loop */
    return append(loop, sock, tag);
}

void pxb_evloop_remove(pxb_evloop *loop, pxb_udp *sock)
{
    size_t i = *pxb_udp_poll_slot(sock);
    if (i == 0 || i >= loop->count || loop->entries[i].sock != sock)
        return; /* not in this loop */
    *pxb_udp_poll_slot(sock) = PXB_NO_POLL_SLOT;
    size_t last = --loop->count;
    if (i == last)
        return;
    loop->fds[i] = loop->fds[last];
    loop->entries[i] = loop->entries[last];
    *pxb_udp_poll_slot(loop->entries[i].sock) = i;
}

/* Empties the wake socket; a wake-up arriving from now on sends a new datagram. */
static void drain_wake(pxb_evloop *loop)
{
    uint8_t byte[16];
    pxb_addr from;
    InterlockedExchange(&loop->wake_pending, 0);
    for (int i = 0; i < WAKE_DRAIN_MAX; i++) {
        if (pxb_udp_recv(loop->wake_rx, byte, sizeof byte, &from, NULL) == -1)
            return;
    }
}

int pxb_evloop_wait(pxb_evloop *loop, int timeout_ms, void (*on_readable)(void *ctx, void *tag),
                    void *ctx)
{
    if (loop->count > ULONG_MAX)
        return -1;
    int ready = WSAPoll(loop->fds, (ULONG)loop->count, timeout_ms < 0 ? -1 : timeout_ms);
    if (ready == SOCKET_ERROR)
        return -1;
    if (loop->fds[0].revents != 0)
        drain_wake(loop);
    /* Walking down from the end keeps removal by swap safe while callbacks run: an entry
     * only ever moves down from the last place, and every entry from here to the end has
     * been handled (or was added during this round), its revents already cleared. */
    int calls = 0;
    for (size_t i = loop->count; ready > 0 && i-- > 1;) {
        if (i >= loop->count || loop->fds[i].revents == 0)
            continue;
        loop->fds[i].revents = 0;
        on_readable(ctx, loop->entries[i].tag);
        calls++;
    }
    return calls;
}

void pxb_evloop_wake(pxb_evloop *loop)
{
    static const uint8_t byte = 1;
    if (InterlockedExchange(&loop->wake_pending, 1) != 0)
        return;
    if (pxb_udp_send(loop->wake_tx, &loop->wake_to, &byte, 1) != 0)
        InterlockedExchange(&loop->wake_pending, 0); /* let the next wake-up try again */
}
