/* explain.h: what a given DHCP client gets from a boot plan, and why. The client is
 * described by what it sends (option 93, option 60, option 77, MAC) and where it is (its
 * address or its relay's subnet); the answer names the rule it hits, what it receives
 * (066 / next-server, 067 / filename, 060) and the reasoning in one line for people,
 * including a warning when an iPXE client would be handed a first-stage image (a loop). */
#ifndef PXB_EXPLAIN_H
#define PXB_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "boot_plan.h"

typedef struct pxb_client {
    int has_arch;                 /* option 93 sent */
    unsigned arch;
    const char *vendor_class;     /* option 60 as text; NULL = not sent */
    const uint8_t *user_class;    /* option 77 raw bytes; NULL = not sent */
    size_t user_class_len;
    int has_mac;
    pxb_mac mac;
    int has_address;              /* client address, or an address in its relay's subnet */
    uint32_t address;             /* host order */
} pxb_client;

#define PXB_WHY_MAX 1024

typedef struct pxb_explanation {
    int matched;                  /* a rule applies */
    int out_of_scope;             /* none can: the address is outside the plan's Scopes */
    pxb_rule rule;                /* that rule */
    /* what the client receives; all empty when no rule applies */
    uint32_t next_server;         /* 066 / next-server; 0 = none */
    char boot_file[PXB_PLAN_VALUE_MAX]; /* 067 / filename; "" = none */
    int http_client;              /* 060 = "HTTPClient" */
    int loop;                     /* an iPXE client would load a first-stage image again */
    char why[PXB_WHY_MAX];        /* "user class is 'iPXE' -> rule iPXE (processing order 1)
                                     -> boot script tftp://10.0.0.5/boot.ipxe" */
} pxb_explanation;

/* Fills out for this client. The plan need not be valid: explaining a broken plan is how an
 * admin sees what is wrong with it. */
void pxb_explain(const pxb_boot_plan *plan, const pxb_client *client, pxb_explanation *out);

#endif
