/* storm_client.c: one simulated PXE client (see storm_client.h). The wire format comes from
 * the core's tftp_packet.c; what the client checks is its own: the OACK's values against what
 * was asked, every DATA block's length and bytes against the expected file. With a window,
 * the client ACKs every windowsize blocks and the last one; a block after a gap makes it ACK
 * the last block it has in order, once per gap (RFC 7440). Stale duplicates are ignored. */
#include "storm_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tftp_packet.h"

static void fail(storm_client *c, const char *why)
{
    c->state = STORM_FAILED;
    snprintf(c->why, sizeof c->why, "%s", why);
}

static size_t build_request(const storm_request *rq, uint8_t *buf, size_t len)
{
    char blksize[16], windowsize[16];
    tftp_option opts[3];
    size_t n = 0;
    if (rq->blksize) {
        snprintf(blksize, sizeof blksize, "%u", (unsigned)rq->blksize);
        opts[n++] = (tftp_option){"blksize", blksize};
    }
    if (rq->windowsize) {
        snprintf(windowsize, sizeof windowsize, "%u", (unsigned)rq->windowsize);
        opts[n++] = (tftp_option){"windowsize", windowsize};
    }
    if (rq->tsize)
        opts[n++] = (tftp_option){"tsize", "0"};
    return tftp_packet_build_request(buf, len, TFTP_OP_RRQ, rq->filename, "octet", opts, n);
}

size_t storm_client_start(storm_client *c, const storm_request *rq, uint8_t *buf, size_t len)
{
    memset(c, 0, sizeof *c);
    c->rq = rq;
    c->blksize = TFTP_DEFAULT_BLKSIZE;
    c->windowsize = 1;
    c->next_block = 1;
    return build_request(rq, buf, len);
}

/* Takes one OACK value: name's value must be a number in [1, most]. */
static int take_value(storm_client *c, const tftp_option *o, uint32_t most, uint32_t *out)
{
    char *end;
    unsigned long v = strtoul(o->value, &end, 10);
    if (*o->value == '\0' || *end != '\0' || v < 1 || v > most) {
        char why[96];
        snprintf(why, sizeof why, "OACK %s=%.20s is not what was asked", o->name, o->value);
        fail(c, why);
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

/* Applies the OACK's options; returns -1 (c failed) on a value the client did not ask for. */
static int take_oack(storm_client *c, const tftp_packet *p)
{
    const storm_request *rq = c->rq;
    size_t cursor = 0;
    tftp_option o;
    uint32_t tsize = 0;
    while (tftp_packet_next_option(p, &cursor, &o)) {
        int rc = 0;
        if (tftp_packet_name_is(o.name, "blksize") && rq->blksize)
            rc = take_value(c, &o, rq->blksize, &c->blksize);
        else if (tftp_packet_name_is(o.name, "windowsize") && rq->windowsize)
            rc = take_value(c, &o, rq->windowsize, &c->windowsize);
        else if (tftp_packet_name_is(o.name, "tsize") && rq->tsize)
            rc = take_value(c, &o, UINT32_MAX, &tsize);
        else
            rc = (fail(c, "OACK with an option that was not asked"), -1);
        if (rc != 0)
            return -1;
    }
    if (tsize != 0 && tsize != rq->expect_len) {
        fail(c, "OACK tsize is not the file's size");
        return -1;
    }
    return 0;
}

static size_t build_ack(storm_client *c, uint8_t *out, size_t out_len)
{
    c->in_window = 0;
    return tftp_packet_build_ack(out, out_len, (uint16_t)(c->next_block - 1));
}

/* Checks the block expected next against the file; returns -1 (c failed) on a mismatch. */
static int check_block(storm_client *c, const tftp_packet *p)
{
    uint64_t offset = (c->next_block - 1) * c->blksize;
    if (offset > c->rq->expect_len) {
        fail(c, "DATA past the end of the file");
        return -1;
    }
    uint64_t left = c->rq->expect_len - offset;
    size_t want = (size_t)(left < c->blksize ? left : c->blksize);
    if (p->data_len != want) {
        fail(c, "DATA block of the wrong length");
        return -1;
    }
    if (want && memcmp(p->data, c->rq->expect + offset, want) != 0) {
        fail(c, "DATA bytes differ from the file");
        return -1;
    }
    return 0;
}

static size_t take_data(storm_client *c, const tftp_packet *p, uint8_t *out, size_t out_len,
                        int *progress)
{
    uint16_t delta = (uint16_t)(p->block - (uint16_t)c->next_block);
    if (delta >= 0x8000)
        return 0; /* a block already taken */
    if (delta != 0) {
        if (c->gap_acked)
            return 0;
        c->gap_acked = 1;
        return build_ack(c, out, out_len);
    }
    if (check_block(c, p) != 0)
        return 0;
    *progress = 1;
    c->gap_acked = 0;
    c->received += p->data_len;
    c->next_block++;
    c->in_window++;
    if (p->data_len < c->blksize) {
        c->state = STORM_DONE;
        return build_ack(c, out, out_len);
    }
    return c->in_window >= c->windowsize ? build_ack(c, out, out_len) : 0;
}

/* storm_client_receive without the progress bookkeeping. */
static size_t take_packet(storm_client *c, const uint8_t *pkt, size_t len, uint8_t *out,
                          size_t out_len, int *progress)
{
    tftp_packet p;
    const char *reason = NULL;
    *progress = 0;
    if (c->state == STORM_DONE || c->state == STORM_FAILED)
        return 0;
    if (tftp_packet_parse(pkt, len, &p, &reason) != 0) {
        fail(c, reason);
        return 0;
    }
    if (p.opcode == TFTP_OP_ERROR) {
        char why[sizeof c->why];
        snprintf(why, sizeof why, "ERROR %u: %.*s", (unsigned)p.error_code,
                 (int)(p.error_msg_len < 80 ? p.error_msg_len : 80), p.error_msg);
        fail(c, why);
        return 0;
    }
    if (p.opcode == TFTP_OP_OACK) {
        if (c->state != STORM_REQUESTED)
            return 0; /* a retransmitted OACK: the ACK 0 already went, or the timeout resends */
        if (take_oack(c, &p) != 0)
            return 0;
        c->state = STORM_RUNNING;
        *progress = 1;
        return build_ack(c, out, out_len);
    }
    if (p.opcode != TFTP_OP_DATA) {
        fail(c, "a packet other than DATA, OACK or ERROR");
        return 0;
    }
    c->state = STORM_RUNNING; /* a server that ignores the options starts with block 1 */
    return take_data(c, &p, out, out_len, progress);
}

size_t storm_client_timeout(storm_client *c, uint32_t retries, uint8_t *out, size_t out_len)
{
    if (++c->timeouts > retries) {
        fail(c, c->state == STORM_REQUESTED ? "timeout: no answer to the request"
                                            : "timeout: the server stopped sending");
        return 0;
    }
    c->retransmits++;
    if (c->state == STORM_REQUESTED)
        return build_request(c->rq, out, out_len);
    return build_ack(c, out, out_len);
}

size_t storm_client_receive(storm_client *c, const uint8_t *pkt, size_t len, uint8_t *out,
                            size_t out_len, int *progress)
{
    size_t n = take_packet(c, pkt, len, out, out_len, progress);
    if (*progress)
        c->timeouts = 0;
    return n;
}
