/* tftp_ended.h: the transfers that ended a moment ago, by client address and port, with the
 * transfer socket they used. Transfer sockets are shared by many transfers (tftp_server.h),
 * so a socket outlives the transfers it served: a late duplicate ACK of an ended transfer
 * reaches a socket that is still open. The engine asks this record to tell such a datagram
 * (ignored, as a closed port would have) from a stranger's (error 5), and to give a new
 * transfer from the same client address and port another socket than the last one, so that
 * nothing late of the old transfer is taken for the new one's. A fixed number of entries:
 * when more transfers end within their linger, the oldest is forgotten first. */
#ifndef PXB_TFTP_ENDED_H
#define PXB_TFTP_ENDED_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_addr.h"

typedef struct tftp_ended tftp_ended;

/* Room for capacity entries (at least 1). NULL when out of memory. */
tftp_ended *tftp_ended_create(size_t capacity);
void tftp_ended_destroy(tftp_ended *e);
/* The transfer of client on sock ended; it is remembered until until_ms. */
void tftp_ended_add(tftp_ended *e, const pxb_addr *client, int sock, uint64_t until_ms);
/* The socket of client's latest ended transfer if it is remembered at now_ms, else -1. */
int tftp_ended_socket(const tftp_ended *e, const pxb_addr *client, uint64_t now_ms);
/* Whether client's latest transfer that ended on sock is remembered at now_ms. */
int tftp_ended_here(const tftp_ended *e, const pxb_addr *client, int sock, uint64_t now_ms);

#endif
