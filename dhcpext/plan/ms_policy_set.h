/* ms_policy_set.h: the policies pxebridge wants at one level (server or scope) of a
 * Microsoft DHCP server, in processing order: one per rule of the plan, except that a rule
 * matching several vendor classes becomes one policy per vendor class (MS-DHCPM 3.2.4.109
 * allows no OR group of vendor classes under every reading of its notes), named
 * "<rule's policy> (arch N)" in the rule's architecture order, the iPXE policy first. Each
 * carries a description of at most PXB_MS_DESCR_CHARS characters (2.2.1.2.110). The API
 * path (ms_desired.c) and the PowerShell export both take their policies from here. Pure C,
 * no OS calls. */
#ifndef PXB_MS_POLICY_SET_H
#define PXB_MS_POLICY_SET_H

#include <stddef.h>

#include "boot_plan.h"

/* Longest policy description, in characters (DHCP_POLICY.Description, 2.2.1.2.110). */
#define PXB_MS_DESCR_CHARS 255
/* Most policies per level: one per architecture plus the iPXE one. */
#define PXB_MS_LEVEL_POLICIES_MAX (PXB_RULES_MAX * PXB_STAGE_ARCHES_MAX)

typedef struct pxb_ms_policy_spec {
    const pxb_rule *rule;
    const pxb_rule_vendor *vendor; /* the one vendor class it matches; NULL for iPXE */
    unsigned order;                /* 1 first, consecutive */
    char name[PXB_RULE_NAME_MAX + 16];
    char description[PXB_RULE_SUMMARY_MAX]; /* UTF-8, at most PXB_MS_DESCR_CHARS chars */
} pxb_ms_policy_spec;

/* Fills out[] for rules (pxb_plan_rules) and returns the count. */
size_t pxb_ms_policy_set(const pxb_rule_list *rules,
                         pxb_ms_policy_spec out[PXB_MS_LEVEL_POLICIES_MAX]);

/* Cuts UTF-8 text to at most max_chars characters, ending in "..." when cut. */
void pxb_ms_clip_chars(char *text, size_t max_chars);

#endif
