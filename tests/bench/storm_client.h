/* storm_client.h: one simulated PXE client of the load generator (tftp_storm.c), as a pure
 * state machine with no socket and no clock: it builds the read request, takes each datagram
 * from the server and says what to send back, checks every byte of every DATA block against
 * the expected file, and retransmits on timeout like a PXE ROM (the request again until the
 * server answers, then the last ACK). Loss is simulated by the caller (storm_loss.h). */
#ifndef PXB_STORM_CLIENT_H
#define PXB_STORM_CLIENT_H

#include <stddef.h>
#include <stdint.h>

/* What every client asks for and checks against. */
typedef struct storm_request {
    const char *filename;
    const uint8_t *expect;   /* the file's expected contents */
    size_t expect_len;
    uint32_t blksize;        /* 0: not asked (512-byte blocks) */
    uint32_t windowsize;     /* 0: not asked (lock-step) */
    int tsize;               /* ask for tsize and check it */
} storm_request;

enum storm_state {
    STORM_REQUESTED = 0, /* the RRQ is out, nothing has come back */
    STORM_RUNNING,       /* DATA flows */
    STORM_DONE,          /* every byte checked, the last ACK sent */
    STORM_FAILED,        /* see storm_client.why */
};

typedef struct storm_client {
    const storm_request *rq;
    int state;
    uint32_t blksize;       /* negotiated */
    uint32_t windowsize;    /* negotiated */
    uint64_t next_block;    /* 64-bit index of the block expected next; the first is 1 */
    uint64_t received;      /* bytes checked */
    uint32_t in_window;     /* blocks taken since the last ACK */
    int gap_acked;          /* a gap was reported and no block has come in order since */
    uint32_t timeouts;      /* consecutive timeouts without progress */
    uint32_t retransmits;   /* requests and ACKs sent again after a timeout */
    char why[128];          /* the reason of a failure */
} storm_client;

/* Starts c for rq and builds the read request into buf. Returns its length (0: too small). */
size_t storm_client_start(storm_client *c, const storm_request *rq, uint8_t *buf, size_t len);

/* Takes one datagram from the server. Returns the length of the reply built into out (an
 * ACK), 0 when nothing is to be sent. c->state tells whether the transfer ended. progress is
 * set to 1 when the datagram moved the transfer on (for the caller's timeout). */
size_t storm_client_receive(storm_client *c, const uint8_t *pkt, size_t len, uint8_t *out,
                            size_t out_len, int *progress);

/* The timeout passed without progress: builds the retransmission into out (the request
 * again before any answer, else the last ACK) and returns its length, or fails c after
 * retries timeouts in a row and returns 0. */
size_t storm_client_timeout(storm_client *c, uint32_t retries, uint8_t *out, size_t out_len);

#endif
