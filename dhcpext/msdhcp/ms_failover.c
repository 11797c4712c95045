/* ms_failover.c: failover relationships as plain data (see ms_failover.h). */
#include "ms_failover.h"

#include <stdlib.h>
#include <string.h>

void pxb_ms_failover_init(pxb_ms_failover *f)
{
    memset(f, 0, sizeof *f);
}

void pxb_ms_failover_free(pxb_ms_failover *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->rels[i].scopes);
    free(f->rels);
    pxb_ms_failover_init(f);
}

pxb_ms_relationship *pxb_ms_failover_add(pxb_ms_failover *f)
{
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 4;
        pxb_ms_relationship *grown = realloc(f->rels, cap * sizeof *grown);
        if (grown == NULL)
            return NULL;
        f->rels = grown;
        f->cap = cap;
    }
    pxb_ms_relationship *r = &f->rels[f->count++];
    memset(r, 0, sizeof *r);
    return r;
}

int pxb_ms_relationship_add_scope(pxb_ms_relationship *r, uint32_t subnet)
{
    if (r->scope_count == r->scope_cap) {
        size_t cap = r->scope_cap ? r->scope_cap * 2 : 8;
        uint32_t *grown = realloc(r->scopes, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        r->scopes = grown;
        r->scope_cap = cap;
    }
    r->scopes[r->scope_count++] = subnet;
    return 0;
}

int pxb_ms_relationship_has_scope(const pxb_ms_relationship *r, uint32_t subnet)
{
    for (size_t i = 0; i < r->scope_count; i++)
        if (r->scopes[i] == subnet)
            return 1;
    return 0;
}

const pxb_ms_relationship *pxb_ms_failover_find(const pxb_ms_failover *f, const char *name)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->rels[i].name, name) == 0)
            return &f->rels[i];
    return NULL;
}

uint32_t pxb_ms_relationship_self(const pxb_ms_relationship *r)
{
    return r->this_is_secondary ? r->secondary : r->primary;
}

uint32_t pxb_ms_relationship_partner(const pxb_ms_relationship *r)
{
    return r->this_is_secondary ? r->primary : r->secondary;
}

const char *pxb_ms_relationship_partner_name(const pxb_ms_relationship *r)
{
    return r->this_is_secondary ? r->primary_name : r->secondary_name;
}

const char *pxb_ms_fo_mode_name(unsigned mode)
{
    switch (mode) {
    case PXB_MS_FO_LOAD_BALANCE:
        return "load balance";
    case PXB_MS_FO_HOT_STANDBY:
        return "hot standby";
    default:
        return "unknown mode";
    }
}

static const char *const STATE_NAMES[PXB_MS_FO_STATE_COUNT] = {
    "NO_STATE", "INIT", "STARTUP", "NORMAL", "COMMUNICATION_INT", "PARTNER_DOWN",
    "POTENTIAL_CONFLICT", "CONFLICT_DONE", "RESOLUTION_INT", "RECOVER", "RECOVER_WAIT",
    "RECOVER_DONE",
};

const char *pxb_ms_fo_state_name(unsigned state)
{
    return state < PXB_MS_FO_STATE_COUNT ? STATE_NAMES[state] : "an unknown state";
}

const char *pxb_ms_fo_state_meaning(unsigned state)
{
    switch (state) {
    case PXB_MS_FO_NORMAL:
        return "";
    case PXB_MS_FO_COMMUNICATION_INT:
        return "the partners cannot reach each other and each answers clients on its own: "
               "both are written here, so both hand out the same boot options";
    case PXB_MS_FO_PARTNER_DOWN:
        return "this server takes the partner for down and answers every client: if the "
               "partner is really down it gets the same objects once it can be read again "
               "(run apply then); pxebridge never writes one partner alone";
    case PXB_MS_FO_STARTUP:
    case PXB_MS_FO_INIT:
    case PXB_MS_FO_RECOVER:
    case PXB_MS_FO_RECOVER_WAIT:
    case PXB_MS_FO_RECOVER_DONE:
        return "the relationship is starting or recovering: the partners are written as in "
               "NORMAL; check the state again once it settles";
    default:
        return "the relationship is not in NORMAL: check it in the DHCP console "
               "(Get-DhcpServerv4Failover) before relying on both partners";
    }
}
