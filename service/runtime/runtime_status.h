/* runtime_status.h: the running TFTP server's state, published for other threads. The
 * runtime's numbers may only be read on its own thread (runtime.h), so a thread that wants
 * them (the service's status pipe) asks, wakes the runtime, and waits for the snapshot the
 * run thread takes at the end of its next round. The run thread only publishes when the
 * lock is free (spin_lock.h): it never waits for a reader. Portable. */
#ifndef PXB_RUNTIME_STATUS_H
#define PXB_RUNTIME_STATUS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "journey.h"
#include "loop_detect.h"
#include "runtime.h"
#include "tftp_server.h"

/* Looping clients a snapshot lists at most. */
#define PXB_STATUS_LOOPS_MAX 32

/* The longest description of the menus' WinPE images kept. */
#define PXB_STATUS_WINPE_MAX 1024

typedef struct pxb_runtime_status {
    tftp_stats stats;
    loop_info loops[PXB_STATUS_LOOPS_MAX];
    size_t loop_count;  /* held in loops */
    size_t loops_total; /* looping now, perhaps more than held */
    uint64_t taken_ms;  /* pxb_clock_now_ms when taken */
    char tftp_root[PXB_CONFIG_PATH_MAX];
    pxb_addr listen[PXB_MAX_LISTEN];
    size_t listen_count;
    uint16_t port;
    pxb_proxy_status proxy; /* the proxyDHCP server */
    char winpe[PXB_STATUS_WINPE_MAX]; /* what the menus offer of WinPE, over which protocol */
    journey_summary clients[JOURNEY_CLIENTS]; /* recent clients, most recently seen first */
    size_t client_count;
    int client_found;       /* the client asked for (pxb_status_board_ask_client) is known: */
    journey_client client;  /* its journey */
} pxb_runtime_status;

typedef struct pxb_status_board pxb_status_board;

/* A board for rt; register pxb_status_board_round with pxb_runtime_on_round. NULL when
 * memory runs out. */
pxb_status_board *pxb_status_board_create(pxb_runtime *rt);
void pxb_status_board_destroy(pxb_status_board *board);

/* A pxb_round_fn (runtime.h), on the run thread: takes and publishes a snapshot when one
 * was asked for. */
void pxb_status_board_round(void *ctx);

/* From any thread: asks for a snapshot and wakes the runtime. Returns the ticket to read
 * it with. */
uint64_t pxb_status_board_ask(pxb_status_board *board);
/* The same, with the snapshot holding key's whole journey (NULL: none). */
uint64_t pxb_status_board_ask_client(pxb_status_board *board, const journey_key *key);

/* From any thread: copies the snapshot if one at least as new as ticket is published.
 * Returns 0, or -1 when it is not there yet (ask again, or wait a little). */
int pxb_status_board_read(pxb_status_board *board, uint64_t ticket, pxb_runtime_status *out);

#endif
