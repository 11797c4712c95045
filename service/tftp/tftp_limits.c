/* tftp_limits.c: the engine's default limits (see tftp_limits.h). */
#include "tftp_limits.h"

#include "tftp_packet.h"

void tftp_limits_default(tftp_limits *limits)
{
    limits->max_blksize = TFTP_BLKSIZE_MAX;
    limits->max_windowsize = 64;
    limits->timeout_ms = 1000;
    limits->max_timeout_s = 255;
    limits->retries = 5;
    limits->max_transfers = 4096;
    limits->max_per_client = 64;
}
