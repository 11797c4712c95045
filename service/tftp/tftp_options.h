/* tftp_options.h: negotiates the options of a read request (RFC 2347 framework; blksize
 * RFC 2348, tsize and timeout RFC 2349, windowsize RFC 7440) against the server's limits,
 * and writes the OACK that acknowledges them. */
#ifndef PXB_TFTP_OPTIONS_H
#define PXB_TFTP_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "tftp_packet.h"
#include "tftp_limits.h"

/* Bits of tftp_negotiation.acked: the options the OACK carries. */
enum tftp_option_bit {
    TFTP_OPT_BLKSIZE = 1,
    TFTP_OPT_TSIZE = 2,
    TFTP_OPT_TIMEOUT = 4,
    TFTP_OPT_WINDOWSIZE = 8,
};

typedef struct tftp_negotiation {
    uint32_t blksize;    /* 512 unless acknowledged */
    uint32_t windowsize; /* 1 unless acknowledged */
    uint32_t timeout_s;  /* 0 unless acknowledged: the server's timeout applies */
    unsigned acked;      /* enum tftp_option_bit */
} tftp_negotiation;

/* Reads the options of request rq (a parsed RRQ). Unknown options and repeats of an option
 * are ignored; blksize and windowsize are lowered to the limits; a timeout above
 * limits->max_timeout_s is left unacknowledged. Returns 0, or -1 with a reason when a known
 * option has a value outside its RFC range (the request then gets TFTP error 8). */
int tftp_options_negotiate(const tftp_packet *rq, const tftp_limits *limits,
                           tftp_negotiation *out, const char **reason);

/* Writes the OACK for n (tsize: the size the transfer will send). Returns its length, or 0
 * if buf_len is too small. */
size_t tftp_options_build_oack(const tftp_negotiation *n, uint64_t tsize, uint8_t *buf,
                               size_t buf_len);

/* "blksize=1468 windowsize=4 timeout=3 tsize=123": the block and window size in force, then
 * timeout and tsize when acknowledged. */
void tftp_options_describe(const tftp_negotiation *n, uint64_t tsize, char *buf, size_t buf_len);

#endif
