/* ms_failover.h: a Microsoft DHCP server's failover relationships as plain data, as
 * DhcpV4FailoverEnumRelationship gives them (MS-DHCPM 3.2.4.94, DHCP_FAILOVER_RELATIONSHIP
 * 2.2.1.2.98): the two partners by address and name, the mode, which side the server read is
 * on, the state and the scopes in the relationship; and what a mode and a state are called
 * and what a state means for a run that writes to both partners. Each partner holds its own
 * record of a relationship (3.2.4.90), with the server type inverted. Pure C, no OS calls. */
#ifndef PXB_MS_FAILOVER_H
#define PXB_MS_FAILOVER_H

#include <stddef.h>
#include <stdint.h>

#include "ms_state.h"

/* DHCP_FAILOVER_MODE (2.2.1.1.18). */
enum pxb_ms_fo_mode { PXB_MS_FO_LOAD_BALANCE = 0, PXB_MS_FO_HOT_STANDBY = 1 };

/* FSM_STATE (2.2.1.1.20): the values pxebridge tells apart by name; the rest by number. */
enum pxb_ms_fo_state {
    PXB_MS_FO_NO_STATE = 0,
    PXB_MS_FO_INIT,
    PXB_MS_FO_STARTUP,
    PXB_MS_FO_NORMAL,
    PXB_MS_FO_COMMUNICATION_INT,
    PXB_MS_FO_PARTNER_DOWN,
    PXB_MS_FO_POTENTIAL_CONFLICT,
    PXB_MS_FO_CONFLICT_DONE,
    PXB_MS_FO_RESOLUTION_INT,
    PXB_MS_FO_RECOVER,
    PXB_MS_FO_RECOVER_WAIT,
    PXB_MS_FO_RECOVER_DONE,
    PXB_MS_FO_STATE_COUNT
};

/* The call a pre-2012 server answers every DhcpV4Failover* call with. */
#define PXB_MS_NO_FAILOVER_CODE 1745u

typedef struct pxb_ms_relationship {
    char name[PXB_MS_NAME_MAX];
    uint32_t primary, secondary;       /* the partners' addresses, host order */
    char primary_name[PXB_MS_NAME_MAX];
    char secondary_name[PXB_MS_NAME_MAX];
    unsigned mode;                     /* enum pxb_ms_fo_mode */
    int this_is_secondary;             /* serverType (2.2.1.1.19) of the server read */
    unsigned state, prev_state;        /* enum pxb_ms_fo_state */
    unsigned percentage;               /* load balance: the primary's share */
    uint32_t *scopes;                  /* subnet addresses, host order */
    size_t scope_count, scope_cap;
} pxb_ms_relationship;

typedef struct pxb_ms_failover {
    int unsupported; /* the server has no failover (before Windows Server 2012) */
    pxb_ms_relationship *rels;
    size_t count, cap;
} pxb_ms_failover;

void pxb_ms_failover_init(pxb_ms_failover *f);
void pxb_ms_failover_free(pxb_ms_failover *f);
/* Appends a zeroed relationship and returns it, or NULL if out of memory. */
pxb_ms_relationship *pxb_ms_failover_add(pxb_ms_failover *f);
/* 0, or -1 if out of memory. */
int pxb_ms_relationship_add_scope(pxb_ms_relationship *r, uint32_t subnet);
int pxb_ms_relationship_has_scope(const pxb_ms_relationship *r, uint32_t subnet);
const pxb_ms_relationship *pxb_ms_failover_find(const pxb_ms_failover *f, const char *name);

/* The address of the server the record was read from, and of its partner. */
uint32_t pxb_ms_relationship_self(const pxb_ms_relationship *r);
uint32_t pxb_ms_relationship_partner(const pxb_ms_relationship *r);
/* The partner's host name as the record gives it ("" if none). */
const char *pxb_ms_relationship_partner_name(const pxb_ms_relationship *r);

const char *pxb_ms_fo_mode_name(unsigned mode);   /* "load balance", "hot standby" */
const char *pxb_ms_fo_state_name(unsigned state); /* "NORMAL", "PARTNER_DOWN", ... */
/* What the state means for writing the same objects to both partners: "" for NORMAL. */
const char *pxb_ms_fo_state_meaning(unsigned state);

#endif
