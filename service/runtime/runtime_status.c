/* runtime_status.c: snapshots of the runtime for other threads (see runtime_status.h). */
#include "runtime_status.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "spin_lock.h"

struct pxb_status_board {
    pxb_runtime *rt;
    atomic_uint_fast64_t asked;     /* the newest ticket handed out */
    atomic_uint_fast64_t published; /* the ticket the snapshot answers */
    pxb_spin_lock lock;             /* guards snap */
    pxb_runtime_status snap;
    pxb_runtime_status taking;      /* the run thread's scratch copy */
    int has_key;                    /* guarded by lock: the client the asker wants shown */
    journey_key key;
};

pxb_status_board *pxb_status_board_create(pxb_runtime *rt)
{
    pxb_status_board *board = calloc(1, sizeof *board);
    if (board == NULL)
        return NULL;
    board->rt = rt;
    atomic_init(&board->asked, 0);
    atomic_init(&board->published, 0);
    atomic_flag_clear(&board->lock.taken);
    return board;
}

void pxb_status_board_destroy(pxb_status_board *board)
{
    free(board);
}

/* Fills s from the runtime; on the run thread. */
static void take(const pxb_runtime *rt, const journey_key *key, pxb_runtime_status *s)
{
    const pxb_config *cfg = pxb_runtime_config(rt);
    pxb_runtime_get_stats(rt, &s->stats);
    s->loops_total = pxb_runtime_get_loops(rt, s->loops, PXB_STATUS_LOOPS_MAX);
    s->loop_count = s->loops_total < PXB_STATUS_LOOPS_MAX ? s->loops_total
                                                          : PXB_STATUS_LOOPS_MAX;
    s->taken_ms = pxb_clock_now_ms();
    snprintf(s->tftp_root, sizeof s->tftp_root, "%s", cfg->tftp_root);
    s->listen_count = cfg->listen_count;
    for (size_t i = 0; i < cfg->listen_count; i++)
        s->listen[i] = cfg->listen[i];
    s->port = cfg->port;
    pxb_runtime_get_proxy(rt, &s->proxy);
    pxb_runtime_describe_menus(rt, s->winpe, sizeof s->winpe);
    s->client_count = pxb_runtime_get_journeys(rt, s->clients, JOURNEY_CLIENTS);
    s->client_found = key != NULL && pxb_runtime_find_journey(rt, key, &s->client) == 0;
}

void pxb_status_board_round(void *ctx)
{
    pxb_status_board *board = ctx;
    uint64_t asked = atomic_load(&board->asked);
    if (asked == atomic_load(&board->published))
        return;
    if (!pxb_spin_try(&board->lock))
        return; /* a reader is asking: its ask brings another round */
    journey_key key = board->key;
    int has_key = board->has_key;
    pxb_spin_release(&board->lock);
    take(board->rt, has_key ? &key : NULL, &board->taking);
    if (!pxb_spin_try(&board->lock))
        return; /* a reader is copying: the reader's next ask brings another round */
    board->snap = board->taking;
    atomic_store(&board->published, asked);
    pxb_spin_release(&board->lock);
}

uint64_t pxb_status_board_ask(pxb_status_board *board)
{
    uint64_t ticket = atomic_fetch_add(&board->asked, 1) + 1;
    pxb_runtime_wake(board->rt);
    return ticket;
}

uint64_t pxb_status_board_ask_client(pxb_status_board *board, const journey_key *key)
{
    pxb_spin_take(&board->lock);
    board->has_key = key != NULL;
    if (key != NULL)
        board->key = *key;
    pxb_spin_release(&board->lock);
    return pxb_status_board_ask(board);
}

int pxb_status_board_read(pxb_status_board *board, uint64_t ticket, pxb_runtime_status *out)
{
    pxb_spin_take(&board->lock);
    int fresh = atomic_load(&board->published) >= ticket;
    if (fresh)
        *out = board->snap;
    pxb_spin_release(&board->lock);
    return fresh ? 0 : -1;
}
