/* ms_answer.h: what a Microsoft DHCP server, as read into the object model, hands a given
 * client in options 066, 067 and 060, and where each value comes from. The client's scope is
 * the server's scope with the highest address not above the client's (a server's scopes do
 * not overlap). Per level, the scope before the server: the level's enabled policies in
 * processing order, each condition tree evaluated from its root expression (AND / OR over its
 * conditions and sub-expressions; a vendor or user class condition compares option 60 or 77's
 * bytes, EQ / NE whole, BeginsWith / EndsWith a prefix or suffix; a MAC condition the
 * hardware address), an option coming from the first matching policy that sets it; then a
 * value for the client's user class (servers without policies), then the level's own value.
 * Microsoft's precedence: scope policy, scope, server policy, server. Pure C, no OS calls. */
#ifndef PXB_MS_ANSWER_H
#define PXB_MS_ANSWER_H

#include <stdint.h>

#include "explain.h"
#include "ms_state.h"

#define PXB_MS_SOURCE_MAX (PXB_MS_NAME_MAX + 64)

typedef struct pxb_ms_answer {
    uint32_t scope;                            /* the client's scope; 0 = none */
    int has[PXB_MS_OPT_COUNT];
    char value[PXB_MS_OPT_COUNT][PXB_PLAN_VALUE_MAX];
    char source[PXB_MS_OPT_COUNT][PXB_MS_SOURCE_MAX]; /* "policy 'X' (server, order 3)" */
} pxb_ms_answer;

void pxb_ms_answer_client(const pxb_ms_state *s, const pxb_client *c, pxb_ms_answer *out);

#endif
