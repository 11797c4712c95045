/* ms_pair_check.h: compares two failover partners with each other where their answers must be
 * the same: the server level and the scopes of their relationship. Every policy there (the
 * admin's too: a policy on one partner only makes the clients that partner answers boot
 * differently), its processing order, state, conditions and option values 066 / 067 / 060,
 * and the option values set outside policies. Each difference is a warning naming the
 * partner, the object and what differs. Pure C, no OS calls. */
#ifndef PXB_MS_PAIR_CHECK_H
#define PXB_MS_PAIR_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "ms_diff_list.h"
#include "ms_state.h"

/* One partner as the comparison names it. */
typedef struct pxb_ms_partner {
    const char *label;
    const pxb_ms_state *state;
} pxb_ms_partner;

/* Adds a warning to out for each difference between a and b at the server level and in the
 * scopes listed. Returns the number of differences, or -1 if out of memory. */
int pxb_ms_pair_check(const pxb_ms_partner *a, const pxb_ms_partner *b,
                      const uint32_t *scopes, size_t scope_count, pxb_ms_diff *out);

#endif
