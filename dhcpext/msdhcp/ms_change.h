/* ms_change.h: one change to a Microsoft DHCP server (create or delete an option definition,
 * a class or a policy; set a policy's processing order, conditions, description or state;
 * set or remove an option value) carrying what it needs to be undone, the change that
 * undoes it, and its one-line description for reports ("+ policy 'pxebridge iPXE' (order 1)
 * on server: user class EQ iPXE -> 066 10.0.0.5, 067 tftp://10.0.0.5/boot.ipxe"). */
#ifndef PXB_MS_CHANGE_H
#define PXB_MS_CHANGE_H

#include "ms_state.h"
#include "text_out.h"

enum pxb_ms_op {
    PXB_MS_CREATE_OPTDEF, /* define option 060 (string) with `comment` */
    PXB_MS_DELETE_OPTDEF,
    PXB_MS_CREATE_CLASS,  /* cls */
    PXB_MS_DELETE_CLASS,
    PXB_MS_CREATE_POLICY, /* policy, then its option values */
    PXB_MS_DELETE_POLICY, /* policy as it was (options included, to undo) */
    PXB_MS_SET_POLICY,    /* `fields` of policy; old = as it was */
    PXB_MS_SET_VALUE,     /* value of opt at level, for policy_name or class_name ("" none) */
    PXB_MS_REMOVE_VALUE   /* old_value is what was there */
};

/* Fields of PXB_MS_SET_POLICY: the DHCP_POLICY_FIELDS_TO_UPDATE bits. */
#define PXB_MS_FIELD_ORDER 0x02u
#define PXB_MS_FIELD_EXPR 0x04u
#define PXB_MS_FIELD_DESCR 0x10u
#define PXB_MS_FIELD_ENABLED 0x20u

typedef struct pxb_ms_change {
    enum pxb_ms_op op;
    char comment[PXB_MS_TEXT_MAX]; /* option definitions */
    pxb_ms_class cls;
    pxb_ms_policy policy;
    pxb_ms_policy old;
    unsigned fields;
    pxb_ms_level level;            /* option values */
    char policy_name[PXB_MS_NAME_MAX];
    char class_name[PXB_MS_NAME_MAX];
    enum pxb_ms_opt opt;
    char value[PXB_PLAN_VALUE_MAX];
    int had_old;
    char old_value[PXB_PLAN_VALUE_MAX];
} pxb_ms_change;

/* The change that takes c back. */
void pxb_ms_change_invert(const pxb_ms_change *c, pxb_ms_change *out);

/* "+ ...", "- ..." or "~ ..." without a newline. */
void pxb_ms_change_describe(const pxb_ms_change *c, pxb_text *out);
/* A short verb-first name for progress and JSON: "create-policy", "set-value". */
const char *pxb_ms_change_verb(const pxb_ms_change *c);
/* A policy's expression tree: "vendor class EQ PXEClient:Arch:00007* AND user class NE iPXE
 * AND (MAC NE 00:11:22:33:44:55 AND MAC NE ...)". */
void pxb_ms_describe_conditions(const pxb_ms_policy *p, pxb_text *out);

#endif
