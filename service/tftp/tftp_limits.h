/* tftp_limits.h: the TFTP engine's limits and defaults (option caps, timeouts, retries,
 * transfers at once), taken by the engine (tftp_server.h) and its option negotiation
 * (tftp_options.h). */
#ifndef PXB_TFTP_LIMITS_H
#define PXB_TFTP_LIMITS_H

#include <stdint.h>

/* Limits and defaults; changing them with tftp_server_set_limits affects new transfers only. */
typedef struct tftp_limits {
    uint32_t max_blksize;      /* cap for the blksize option, 8..65464 (default 65464) */
    uint32_t max_windowsize;   /* cap for the windowsize option, 1..65535 (default 64) */
    uint32_t timeout_ms;       /* retransmission timeout when the client asks for none (1000) */
    uint32_t max_timeout_s;    /* largest timeout option accepted, 1..255 (255) */
    uint32_t retries;          /* retransmissions of one window before giving up (5) */
    uint32_t max_transfers;    /* transfers at once, all clients (4096) */
    uint32_t max_per_client;   /* transfers at once from one client address (64) */
} tftp_limits;

void tftp_limits_default(tftp_limits *limits);

#endif
