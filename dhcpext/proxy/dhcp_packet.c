/* dhcp_packet.c: the DHCP datagram reader (see dhcp_packet.h): header, cookie, options and
 * their overload into file and sname, every length checked against what is left. */
#include "dhcp_packet.h"

#include <string.h>

/* Where the fields sit in the datagram (RFC 2131 2, figure 1). */
#define OFF_SNAME 44
#define OFF_FILE 108
#define OFF_CHADDR 28

/* Overload values (RFC 2132 9.3). */
#define OVERLOAD_FILE 1
#define OVERLOAD_SNAME 2
#define OVERLOAD_BOTH 3

enum tlv_step { TLV_ITEM, TLV_END, TLV_OUT, TLV_BAD };

/* Reads the next code/length/data item of an option area at *pos, skipping pads. TLV_OUT
 * when the area ends before an end option, TLV_BAD when a length runs past it. */
static enum tlv_step next_tlv(const uint8_t *area, size_t len, size_t *pos, uint8_t *code,
                              pxb_dhcp_option *item)
{
    while (*pos < len && area[*pos] == PXB_OPT_PAD)
        (*pos)++;
    if (*pos >= len)
        return TLV_OUT;
    *code = area[*pos];
    if (*code == PXB_OPT_END)
        return TLV_END;
    if (len - *pos < 2 || area[*pos + 1] > len - *pos - 2)
        return TLV_BAD;
    item->present = 1;
    item->len = area[*pos + 1];
    item->data = area + *pos + 2;
    *pos += 2 + item->len;
    return TLV_ITEM;
}

/* Takes the options of one area (the options field, file or sname) up to its end option. */
static int read_area(const uint8_t *area, size_t len, const char *name, pxb_dhcp_packet *out,
                     pxb_error *err)
{
    size_t pos = 0;
    uint8_t code;
    pxb_dhcp_option item;

    for (;;) {
        enum tlv_step step = next_tlv(area, len, &pos, &code, &item);

        if (step == TLV_END)
            return 0;
        if (step == TLV_OUT)
            return pxb_error_set(err, "the %s field has no end option", name);
        if (step == TLV_BAD)
            return pxb_error_set(err, "option %u in the %s field runs past its end", code,
                                 name);
        if (!out->options[code].present)
            out->options[code] = item;
    }
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void read_header(const uint8_t *d, pxb_dhcp_header *h)
{
    h->op = d[0];
    h->htype = d[1];
    h->hlen = d[2];
    h->hops = d[3];
    h->xid = get32(d + 4);
    h->secs = get16(d + 8);
    h->flags = get16(d + 10);
    h->ciaddr = get32(d + 12);
    h->yiaddr = get32(d + 16);
    h->siaddr = get32(d + 20);
    h->giaddr = get32(d + 24);
    memcpy(h->chaddr, d + OFF_CHADDR, sizeof h->chaddr);
    memcpy(h->sname, d + OFF_SNAME, sizeof h->sname);
    memcpy(h->file, d + OFF_FILE, sizeof h->file);
}

/* Option 52 says file and/or sname hold options too: read them, file first (RFC 2131 4.1). */
static int read_overload(const uint8_t *data, pxb_dhcp_packet *out, pxb_error *err)
{
    const pxb_dhcp_option *o = &out->options[PXB_OPT_OVERLOAD];
    unsigned value;

    if (!o->present)
        return 0;
    if (o->len != 1 || o->data[0] < OVERLOAD_FILE || o->data[0] > OVERLOAD_BOTH)
        return pxb_error_set(err, "option 52 (overload) is not 1, 2 or 3");
    value = o->data[0];
    if ((value & OVERLOAD_FILE) &&
        read_area(data + OFF_FILE, PXB_DHCP_FILE_LEN, "file", out, err) != 0)
        return -1;
    if ((value & OVERLOAD_SNAME) &&
        read_area(data + OFF_SNAME, PXB_DHCP_SNAME_LEN, "sname", out, err) != 0)
        return -1;
    return 0;
}

int pxb_dhcp_packet_read(const uint8_t *data, size_t len, pxb_dhcp_packet *out,
                         pxb_error *err)
{
    memset(out, 0, sizeof *out);
    if (data == NULL || len < PXB_DHCP_HEADER_LEN + 4)
        return pxb_error_set(err, "%zu bytes: shorter than a DHCP header and its cookie", len);
    if (get32(data + PXB_DHCP_HEADER_LEN) != PXB_DHCP_COOKIE)
        return pxb_error_set(err, "no DHCP magic cookie");
    read_header(data, &out->header);
    if (read_area(data + PXB_DHCP_HEADER_LEN + 4, len - PXB_DHCP_HEADER_LEN - 4, "options",
                  out, err) != 0)
        return -1;
    return read_overload(data, out, err);
}

const pxb_dhcp_option *pxb_dhcp_packet_option(const pxb_dhcp_packet *p, uint8_t code)
{
    return p->options[code].present ? &p->options[code] : NULL;
}

int pxb_dhcp_suboption(const pxb_dhcp_option *opt, uint8_t code, pxb_dhcp_option *sub)
{
    size_t pos = 0;
    uint8_t found;
    pxb_dhcp_option item;

    memset(sub, 0, sizeof *sub);
    while (next_tlv(opt->data, opt->len, &pos, &found, &item) == TLV_ITEM) {
        if (found == code) {
            *sub = item;
            return 0;
        }
    }
    return -1;
}
