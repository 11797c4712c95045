/* dhcp_writer.c: the DHCP reply writer (see dhcp_writer.h); the header laid out as RFC 2131
 * 2 (figure 1) in network order. */
#include "dhcp_writer.h"

#include <string.h>

static uint8_t *put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
    return p + 4;
}

static uint8_t *put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
    return p + 2;
}

int pxb_dhcp_write_start(pxb_dhcp_writer *w, uint8_t *buf, size_t cap,
                         const pxb_dhcp_header *h)
{
    uint8_t *p = buf;

    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    if (cap < PXB_DHCP_HEADER_LEN + 4 + 1)
        return -1;
    *p++ = h->op;
    *p++ = h->htype;
    *p++ = h->hlen;
    *p++ = h->hops;
    p = put32(p, h->xid);
    p = put16(p, h->secs);
    p = put16(p, h->flags);
    p = put32(p, h->ciaddr);
    p = put32(p, h->yiaddr);
    p = put32(p, h->siaddr);
    p = put32(p, h->giaddr);
    memcpy(p, h->chaddr, sizeof h->chaddr);
    p += sizeof h->chaddr;
    memcpy(p, h->sname, sizeof h->sname);
    p += sizeof h->sname;
    memcpy(p, h->file, sizeof h->file);
    p += sizeof h->file;
    p = put32(p, PXB_DHCP_COOKIE);
    w->len = (size_t)(p - buf);
    return 0;
}

int pxb_dhcp_write_option(pxb_dhcp_writer *w, uint8_t code, const void *data, size_t len)
{
    /* code, length, data, and the end option after it */
    if (len > 255 || w->len == 0 || w->cap - w->len < 2 + len + 1)
        return -1;
    w->buf[w->len] = code;
    w->buf[w->len + 1] = (uint8_t)len;
    if (len > 0)
        memcpy(w->buf + w->len + 2, data, len);
    w->len += 2 + len;
    return 0;
}

int pxb_dhcp_write_address(pxb_dhcp_writer *w, uint8_t code, uint32_t addr)
{
    uint8_t bytes[4];

    put32(bytes, addr);
    return pxb_dhcp_write_option(w, code, bytes, sizeof bytes);
}

size_t pxb_dhcp_write_end(pxb_dhcp_writer *w)
{
    size_t min = PXB_DHCP_MIN_LEN < w->cap ? PXB_DHCP_MIN_LEN : w->cap;

    if (w->len == 0)
        return 0;
    w->buf[w->len++] = PXB_OPT_END;
    if (w->len < min) {
        memset(w->buf + w->len, 0, min - w->len);
        w->len = min;
    }
    return w->len;
}
