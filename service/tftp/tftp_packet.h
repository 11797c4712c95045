/* tftp_packet.h: the TFTP wire format (RFC 1350 packets, RFC 2347 options and OACK).
 * Parsing never reads past the datagram and never copies: the parsed fields point into it.
 * Builders write into a caller's buffer and return the packet length, or 0 if it does not fit. */
#ifndef PXB_TFTP_PACKET_H
#define PXB_TFTP_PACKET_H

#include <stddef.h>
#include <stdint.h>

enum tftp_opcode {
    TFTP_OP_RRQ = 1,
    TFTP_OP_WRQ = 2,
    TFTP_OP_DATA = 3,
    TFTP_OP_ACK = 4,
    TFTP_OP_ERROR = 5,
    TFTP_OP_OACK = 6,
};

enum tftp_error_code {
    TFTP_ERR_UNDEFINED = 0,
    TFTP_ERR_NOT_FOUND = 1,
    TFTP_ERR_ACCESS = 2,
    TFTP_ERR_DISK_FULL = 3,
    TFTP_ERR_ILLEGAL = 4,
    TFTP_ERR_UNKNOWN_TID = 5,
    TFTP_ERR_EXISTS = 6,
    TFTP_ERR_NO_USER = 7,
    TFTP_ERR_OPTION = 8,
};

enum tftp_mode { TFTP_MODE_UNKNOWN = 0, TFTP_MODE_NETASCII = 1, TFTP_MODE_OCTET = 2 };

/* Largest block size (RFC 2348) and the largest packet the server builds. */
#define TFTP_BLKSIZE_MAX 65464u
#define TFTP_DEFAULT_BLKSIZE 512u
#define TFTP_HEADER_LEN 4u
#define TFTP_PACKET_MAX (TFTP_HEADER_LEN + TFTP_BLKSIZE_MAX)
/* Longest ERROR packet the server sends: fits a client's 512-byte receive buffer. */
#define TFTP_ERROR_PACKET_MAX 512u

typedef struct tftp_option {
    const char *name;
    const char *value;
} tftp_option;

/* One datagram, parsed. Only the fields of its opcode are set; the rest are zero. */
typedef struct tftp_packet {
    uint16_t opcode;           /* set whenever the datagram has two bytes, even if malformed */
    /* RRQ, WRQ */
    const char *filename;      /* NUL-terminated inside the datagram; raw bytes */
    size_t filename_len;
    const char *mode;
    /* RRQ, WRQ, OACK: complete name/value pairs, each NUL-terminated; walk them with
     * tftp_packet_next_option */
    const char *options;
    size_t options_len;
    /* DATA, ACK */
    uint16_t block;
    /* DATA */
    const uint8_t *data;
    size_t data_len;
    /* ERROR: the message runs to its NUL or to the end of the datagram (not terminated) */
    uint16_t error_code;
    const char *error_msg;
    size_t error_msg_len;
} tftp_packet;

/* Parses pkt[0..len). Returns 0, or -1 with a short English reason for a malformed packet.
 * Tolerated: bytes without a NUL after the last complete string of a request (some ROMs
 * append garbage), NUL padding after the options, an ERROR message without its NUL. */
int tftp_packet_parse(const uint8_t *pkt, size_t len, tftp_packet *out, const char **reason);

/* Walks the option pairs of a parsed request or OACK: *cursor starts at 0. Returns 1 and sets
 * *opt for each pair, 0 at the end. */
int tftp_packet_next_option(const tftp_packet *p, size_t *cursor, tftp_option *opt);

/* ASCII case-insensitive comparison of two NUL-terminated strings: option names and modes. */
int tftp_packet_name_is(const char *text, const char *name);
/* "octet" or "netascii" in any case; TFTP_MODE_UNKNOWN otherwise (including "mail"). */
enum tftp_mode tftp_packet_mode(const char *mode);

/* Builders: each returns the length written, or 0 if buf_len is too small. */
size_t tftp_packet_build_request(uint8_t *buf, size_t buf_len, uint16_t opcode,
                                 const char *filename, const char *mode,
                                 const tftp_option *opts, size_t opt_count);
size_t tftp_packet_build_data(uint8_t *buf, size_t buf_len, uint16_t block,
                              const uint8_t *data, size_t data_len);
/* A DATA packet's header alone, for a block sent from where it lies (pxb_datagram). */
void tftp_packet_put_data_header(uint8_t head[TFTP_HEADER_LEN], uint16_t block);
size_t tftp_packet_build_ack(uint8_t *buf, size_t buf_len, uint16_t block);
/* The message is cut to fit TFTP_ERROR_PACKET_MAX and buf_len (at least 5 bytes needed). */
size_t tftp_packet_build_error(uint8_t *buf, size_t buf_len, uint16_t code, const char *message);
size_t tftp_packet_build_oack(uint8_t *buf, size_t buf_len, const tftp_option *opts,
                              size_t opt_count);

#endif
