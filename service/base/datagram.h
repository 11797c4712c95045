/* datagram.h: a datagram to send, in two parts sent as one: a header the sender built and a
 * body it points at where it already lies (a file block in the file cache), so that a DATA
 * packet goes out without its block being copied first. Either part may be empty. */
#ifndef PXB_DATAGRAM_H
#define PXB_DATAGRAM_H

#include <stddef.h>
#include <stdint.h>

typedef struct pxb_datagram {
    const uint8_t *head;
    size_t head_len;
    const uint8_t *body;
    size_t body_len;
} pxb_datagram;

static inline size_t pxb_datagram_len(const pxb_datagram *d)
{
    return d->head_len + d->body_len;
}

#endif
