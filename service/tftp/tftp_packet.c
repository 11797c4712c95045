/* tftp_packet.c: parses and builds TFTP packets (see tftp_packet.h). Every read is bounded by
 * the datagram length; strings are only used once their NUL has been found inside it. */
#include "tftp_packet.h"

#include <string.h>

#include "ascii_case.h"

static uint16_t get_u16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static void put_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)(v & 0xff);
}

/* Reads option pairs from p[0..len) into out->options. Stops quietly at an empty name (NUL
 * padding) or at bytes without a NUL (trailing garbage); a name without a value is an error. */
static int parse_options(const uint8_t *p, size_t len, tftp_packet *out, const char **reason)
{
    size_t pos = 0;
    out->options = (const char *)p;
    out->options_len = 0;
    while (pos < len && p[pos] != 0) {
        const uint8_t *name_end = memchr(p + pos, 0, len - pos);
        if (!name_end)
            break;
        size_t value_pos = (size_t)(name_end - p) + 1;
        const uint8_t *value_end =
            value_pos < len ? memchr(p + value_pos, 0, len - value_pos) : NULL;
        if (!value_end) {
            *reason = "option without a value";
            return -1;
        }
        pos = (size_t)(value_end - p) + 1;
        out->options_len = pos;
    }
    return 0;
}

static int parse_request(const uint8_t *pkt, size_t len, tftp_packet *out, const char **reason)
{
    const uint8_t *name = pkt + 2;
    const uint8_t *name_end = memchr(name, 0, len - 2);
    if (!name_end) {
        *reason = "file name is not terminated";
        return -1;
    }
    if (name_end == name) {
        *reason = "empty file name";
        return -1;
    }
    const uint8_t *mode = name_end + 1;
    size_t mode_room = len - (size_t)(mode - pkt);
    const uint8_t *mode_end = mode_room ? memchr(mode, 0, mode_room) : NULL;
    if (!mode_end) {
        *reason = "transfer mode is missing or not terminated";
        return -1;
    }
    out->filename = (const char *)name;
    out->filename_len = (size_t)(name_end - name);
    out->mode = (const char *)mode;
    const uint8_t *rest = mode_end + 1;
    return parse_options(rest, len - (size_t)(rest - pkt), out, reason);
}

static int parse_error(const uint8_t *pkt, size_t len, tftp_packet *out, const char **reason)
{
    if (len < 4) {
        *reason = "ERROR packet too short";
        return -1;
    }
    const char *msg = (const char *)pkt + 4;
    const char *nul = memchr(msg, 0, len - 4);
    out->error_code = get_u16(pkt + 2);
    out->error_msg = msg;
    out->error_msg_len = nul ? (size_t)(nul - msg) : len - 4;
    return 0;
}

int tftp_packet_parse(const uint8_t *pkt, size_t len, tftp_packet *out, const char **reason)
{
    memset(out, 0, sizeof *out);
    if (len < 2) {
        *reason = "packet too short";
        return -1;
    }
    out->opcode = get_u16(pkt);
    switch (out->opcode) {
    case TFTP_OP_RRQ:
    case TFTP_OP_WRQ:
        return parse_request(pkt, len, out, reason);
    case TFTP_OP_DATA:
    case TFTP_OP_ACK:
        if (len < 4) {
            *reason = out->opcode == TFTP_OP_DATA ? "DATA packet too short"
                                                  : "ACK packet too short";
            return -1;
        }
        out->block = get_u16(pkt + 2);
        if (out->opcode == TFTP_OP_DATA) {
            out->data = pkt + 4;
            out->data_len = len - 4;
        }
        return 0;
    case TFTP_OP_ERROR:
        return parse_error(pkt, len, out, reason);
    case TFTP_OP_OACK:
        return parse_options(pkt + 2, len - 2, out, reason);
    default:
        *reason = "unknown opcode";
        return -1;
    }
}

int tftp_packet_next_option(const tftp_packet *p, size_t *cursor, tftp_option *opt)
{
    if (*cursor >= p->options_len)
        return 0;
    opt->name = p->options + *cursor;
    opt->value = opt->name + strlen(opt->name) + 1;
    *cursor = (size_t)(opt->value + strlen(opt->value) + 1 - p->options);
    return 1;
}

int tftp_packet_name_is(const char *text, const char *name)
{
    return pxb_ascii_same(text, name);
}

enum tftp_mode tftp_packet_mode(const char *mode)
{
    if (tftp_packet_name_is(mode, "octet"))
        return TFTP_MODE_OCTET;
    if (tftp_packet_name_is(mode, "netascii"))
        return TFTP_MODE_NETASCII;
    return TFTP_MODE_UNKNOWN;
}

/* Appends s and its NUL at *pos; -1 if it does not fit. */
static int put_string(uint8_t *buf, size_t buf_len, size_t *pos, const char *s)
{
    size_t n = strlen(s) + 1;
    if (n > buf_len - *pos)
        return -1;
    memcpy(buf + *pos, s, n);
    *pos += n;
    return 0;
}

static size_t put_options(uint8_t *buf, size_t buf_len, size_t pos, const tftp_option *opts,
                          size_t opt_count)
{
    for (size_t i = 0; i < opt_count; i++)
        if (put_string(buf, buf_len, &pos, opts[i].name) < 0 ||
            put_string(buf, buf_len, &pos, opts[i].value) < 0)
            return 0;
    return pos;
}

size_t tftp_packet_build_request(uint8_t *buf, size_t buf_len, uint16_t opcode,
                                 const char *filename, const char *mode,
                                 const tftp_option *opts, size_t opt_count)
{
    size_t pos = 2;
    if (buf_len < 2)
        return 0;
    put_u16(buf, opcode);
    if (put_string(buf, buf_len, &pos, filename) < 0 || put_string(buf, buf_len, &pos, mode) < 0)
        return 0;
    return put_options(buf, buf_len, pos, opts, opt_count);
}

void tftp_packet_put_data_header(uint8_t head[TFTP_HEADER_LEN], uint16_t block)
{
    put_u16(head, TFTP_OP_DATA);
    put_u16(head + 2, block);
}

size_t tftp_packet_build_data(uint8_t *buf, size_t buf_len, uint16_t block,
                              const uint8_t *data, size_t data_len)
{
    if (buf_len < TFTP_HEADER_LEN || data_len > buf_len - TFTP_HEADER_LEN)
        return 0;
    tftp_packet_put_data_header(buf, block);
    if (data_len)
        memcpy(buf + TFTP_HEADER_LEN, data, data_len);
    return TFTP_HEADER_LEN + data_len;
}

size_t tftp_packet_build_ack(uint8_t *buf, size_t buf_len, uint16_t block)
{
    if (buf_len < TFTP_HEADER_LEN)
        return 0;
    put_u16(buf, TFTP_OP_ACK);
    put_u16(buf + 2, block);
    return TFTP_HEADER_LEN;
}

size_t tftp_packet_build_error(uint8_t *buf, size_t buf_len, uint16_t code, const char *message)
{
    size_t room = buf_len < TFTP_ERROR_PACKET_MAX ? buf_len : TFTP_ERROR_PACKET_MAX;
    if (room < TFTP_HEADER_LEN + 1)
        return 0;
    size_t n = strlen(message);
    if (n > room - TFTP_HEADER_LEN - 1)
        n = room - TFTP_HEADER_LEN - 1;
    put_u16(buf, TFTP_OP_ERROR);
    put_u16(buf + 2, code);
    memcpy(buf + TFTP_HEADER_LEN, message, n);
    buf[TFTP_HEADER_LEN + n] = 0;
    return TFTP_HEADER_LEN + n + 1;
}

size_t tftp_packet_build_oack(uint8_t *buf, size_t buf_len, const tftp_option *opts,
                              size_t opt_count)
{
    if (buf_len < 2)
        return 0;
    put_u16(buf, TFTP_OP_OACK);
    return put_options(buf, buf_len, 2, opts, opt_count);
}
