/* ms_state_build.h: building Microsoft DHCP objects by hand in the unit tests (the
 * conditions of a policy). Header only. */
#ifndef PXB_MS_STATE_BUILD_H
#define PXB_MS_STATE_BUILD_H

#include <string.h>

#include "ms_state.h"

/* Appends a condition on value (len bytes) under expression parent. */
static inline void add_cond(pxb_ms_policy *p, unsigned parent, enum pxb_ms_attr type,
                            unsigned option, enum pxb_ms_cmp op, const void *value, size_t len)
{
    pxb_ms_cond *k = &p->conds[p->cond_count++];
    k->parent = parent;
    k->type = type;
    k->option = option;
    k->op = op;
    memcpy(k->value, value, len);
    k->value_len = len;
}

#endif
