/* tftp_server.h: the read-only TFTP server engine (RFC 1350, 2347, 2348, 2349, 7440).
 *
 * Pure protocol logic with no sockets, files or clocks of its own: the caller feeds it events
 * (a datagram arrived on a listening port, a datagram arrived on a transfer port, time
 * passed) and it acts through the tftp_io callbacks (open a transfer port, send a datagram,
 * close a port) and the tftp_files provider. One thread drives every transfer. */
#ifndef PXB_TFTP_SERVER_H
#define PXB_TFTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "datagram.h"
#include "pxb_addr.h"
#include "tftp_files.h"
#include "tftp_limits.h"

typedef struct tftp_transfer tftp_transfer;

/* The most datagrams the engine hands tftp_io.send at once. */
#define TFTP_SEND_BATCH 64

typedef struct tftp_io {
    void *ctx;
    /* A UDP socket for one transfer, on the local address the request arrived at (port from
     * the configured range): a new one, or one that other transfers use too (the engine
     * tells their datagrams apart by the client's address and port), but never avoid (-1:
     * any will do). Returns a handle >= 0, or -1 if none is free. close_socket is called
     * once per transfer that got the handle. */
    int (*open_transfer_socket)(void *ctx, const pxb_addr *local, int avoid);
    void (*close_socket)(void *ctx, int sock);
    /* Sends n datagrams (1 to TFTP_SEND_BATCH), in order, to one address: a window's DATA
     * packets go in one call. sock is a listening socket handle (for replies to requests)
     * or a transfer socket. The parts are valid during the call only. */
    void (*send)(void *ctx, int sock, const pxb_addr *to, const pxb_datagram *d, size_t n);
} tftp_io;

/* What happened, for logging, status and loop detection. Strings are valid during the call. */
typedef struct tftp_event {
    enum {
        TFTP_EVENT_STARTED,   /* a read request was accepted */
        TFTP_EVENT_COMPLETED, /* the last block was acknowledged */
        TFTP_EVENT_ABORTED,   /* the client sent an error (e.g. a UEFI tsize probe), or gave up */
        TFTP_EVENT_FAILED,    /* timeout after all retries, send failure */
        TFTP_EVENT_REFUSED,   /* the request got an error packet (bad path, not found) */
        TFTP_EVENT_DEFERRED,  /* the request was left unanswered: the server is at a limit or
                               * running late, and the client will send it again */
    } kind;
    const pxb_addr *client;
    const pxb_addr *server;   /* STARTED: the address the request was sent to; else NULL */
    const char *path;         /* as normalised; the raw name if it could not be */
    uint64_t bytes;           /* bytes acknowledged so far (COMPLETED: the file size) */
    uint64_t duration_ms;
    uint16_t tftp_error;      /* REFUSED/FAILED/ABORTED: the error code sent or received */
    const char *detail;       /* human-readable reason or negotiated options */
} tftp_event;

typedef void (*tftp_event_fn)(void *ctx, const tftp_event *event);

typedef struct tftp_stats {
    uint64_t requests, completed, aborted, failed, refused, deferred;
    uint64_t bytes_sent, datagrams_sent, retransmits;
    uint32_t active;
} tftp_stats;

typedef struct tftp_server tftp_server;

tftp_server *tftp_server_create(const tftp_limits *limits, const tftp_io *io,
                                const tftp_files *files, tftp_event_fn on_event, void *event_ctx);
/* Closes every transfer socket and releases every file. */
void tftp_server_destroy(tftp_server *srv);
void tftp_server_set_limits(tftp_server *srv, const tftp_limits *limits);

/* A datagram arrived on listening socket listen_sock bound to local (whose address is the
 * one the transfer socket should use). */
void tftp_server_on_request(tftp_server *srv, int listen_sock, const pxb_addr *local,
                            const pxb_addr *from, const uint8_t *pkt, size_t len,
                            uint64_t now_ms);
/* A datagram arrived on transfer socket sock: it is for the transfer of its sender (address
 * and port) on that socket. One from the client of a transfer that ended there a moment ago
 * is ignored (as a closed port would have); anyone else's gets error 5. */
void tftp_server_on_transfer_datagram(tftp_server *srv, int sock, const pxb_addr *from,
                                      const uint8_t *pkt, size_t len, uint64_t now_ms);
/* Runs retransmissions and timeouts that are due at now_ms. */
void tftp_server_on_timer(tftp_server *srv, uint64_t now_ms);
/* The same one transfer at a time, for a caller that first reads what is waiting on the
 * transfer's socket (so a late server never times out a client whose ACK has arrived):
 * the transfer with the earliest deadline if it is due at now_ms, else NULL; its socket
 * handle; its retransmission or timeout. */
tftp_transfer *tftp_server_due(const tftp_server *srv, uint64_t now_ms);
int tftp_transfer_socket(const tftp_transfer *t);
void tftp_server_expire(tftp_server *srv, tftp_transfer *t, uint64_t now_ms);
/* Time of the next retransmission or timeout, or UINT64_MAX when nothing is pending. */
uint64_t tftp_server_next_deadline(const tftp_server *srv);

void tftp_server_get_stats(const tftp_server *srv, tftp_stats *out);

#endif
