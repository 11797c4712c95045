/* evloop.h: waits for any of many UDP sockets to become readable, or a timeout, or a wake-up
 * from another thread. One backend per OS (service/os/posix/evloop_epoll.c,
 * service/os/win32/evloop_iocp.c), picked at build time, like Redis's ae.c backends. */
#ifndef PXB_EVLOOP_H
#define PXB_EVLOOP_H

#include "net.h"

typedef struct pxb_evloop pxb_evloop;

pxb_evloop *pxb_evloop_create(void);
void pxb_evloop_destroy(pxb_evloop *loop);
/* tag is handed to the callback when sock is readable. Returns 0 or -1. */
int pxb_evloop_add(pxb_evloop *loop, pxb_udp *sock, void *tag);
void pxb_evloop_remove(pxb_evloop *loop, pxb_udp *sock);
/* How many datagrams a callback should take from a transfer's socket per call (a listener
 * is emptied whatever the backend; a socket several transfers share gets one read per
 * transfer at least). epoll reports a socket again as long as datagrams wait
 * on it, so one read a call spares the read that finds nothing (a transfer has one ACK
 * waiting, almost always). The completion port backend's callback comes with the
 * datagram its receive brought: reading on directly until nothing is left costs less than
 * another round through the port. Each backend defines it. */
extern const int pxb_evloop_transfer_reads;
/* Waits up to timeout_ms (-1: no limit) and calls on_readable(ctx, tag) once per readable
 * socket. Returns the number of callbacks made, or -1 on error. A socket removed by an
 * earlier callback in the same round is not reported. */
int pxb_evloop_wait(pxb_evloop *loop, int timeout_ms, void (*on_readable)(void *ctx, void *tag),
                    void *ctx);
/* Makes a wait in progress (or the next one) return early. Safe from any thread. */
void pxb_evloop_wake(pxb_evloop *loop);

#endif
