/* ms_state.h: a plain-data picture of the Microsoft DHCP Server objects pxebridge reads and
 * wants: the server's version, its subnets, user and vendor classes, policies (server level or
 * per scope, processing order, expression tree and conditions, description, enabled) with
 * their option values 066 / 067 / 060, and the option values set outside policies (server
 * and scope level, or per user class on servers without policies). The same type holds what
 * a server has and what the boot plan wants of it. Strings are UTF-8; no OS calls. */
#ifndef PXB_MS_STATE_H
#define PXB_MS_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "boot_plan.h"

/* Longest name (class, policy), description or option value kept, NUL included. Policy names
 * are at most 64 characters (UTF-8 may need more bytes). */
#define PXB_MS_NAME_MAX 256
#define PXB_MS_TEXT_MAX 512
/* Longest class data or condition value, in bytes. */
#define PXB_MS_DATA_MAX 255
/* Most expressions and conditions one policy may have: pxebridge's own need one condition
 * per excluded MAC plus two, each in a group of its own under the root, and an admin's
 * policy read back gets room beyond that. */
#define PXB_MS_EXPRS_MAX (PXB_PLAN_MACS_MAX + 16)
#define PXB_MS_CONDS_MAX (PXB_PLAN_MACS_MAX + 16)
/* Windows Server 2012 (6.2) brought policies. */
#define PXB_MS_POLICY_MAJOR 6
#define PXB_MS_POLICY_MINOR 2

/* The three options a boot plan sets. */
enum pxb_ms_opt { PXB_MS_OPT_066, PXB_MS_OPT_067, PXB_MS_OPT_060, PXB_MS_OPT_COUNT };

/* Values of the DHCP_POL_* enumerations (MS-DHCPM 2.2.1.1.23-25). */
enum pxb_ms_attr { PXB_MS_ATTR_HWADDR, PXB_MS_ATTR_OPTION, PXB_MS_ATTR_SUBOPTION,
                   PXB_MS_ATTR_FQDN, PXB_MS_ATTR_FQDN_SINGLE };
enum pxb_ms_cmp { PXB_MS_EQ, PXB_MS_NE, PXB_MS_BEGINS, PXB_MS_NOT_BEGINS, PXB_MS_ENDS,
                  PXB_MS_NOT_ENDS };
enum pxb_ms_logic { PXB_MS_OR, PXB_MS_AND };

/* Where a policy or an option value lives: the server level or one scope. */
typedef struct pxb_ms_level {
    int global;
    uint32_t subnet; /* host order; 0 at server level */
} pxb_ms_level;

typedef struct pxb_ms_class {
    char name[PXB_MS_NAME_MAX];
    char comment[PXB_MS_TEXT_MAX];
    int is_vendor;
    uint8_t data[PXB_MS_DATA_MAX];
    size_t data_len;
} pxb_ms_class;

typedef struct pxb_ms_options {
    int has[PXB_MS_OPT_COUNT];
    char value[PXB_MS_OPT_COUNT][PXB_PLAN_VALUE_MAX];
} pxb_ms_options;

typedef struct pxb_ms_expr {
    unsigned parent;
    enum pxb_ms_logic op;
} pxb_ms_expr;

typedef struct pxb_ms_cond {
    unsigned parent;          /* index of its expression */
    enum pxb_ms_attr type;
    unsigned option;          /* 60 vendor class, 77 user class */
    unsigned suboption;
    char vendor[PXB_MS_NAME_MAX]; /* vendor option space; "" = standard options */
    enum pxb_ms_cmp op;
    uint8_t value[PXB_MS_DATA_MAX];
    size_t value_len;
} pxb_ms_cond;

typedef struct pxb_ms_policy {
    char name[PXB_MS_NAME_MAX];
    pxb_ms_level level;
    unsigned order;           /* 1 first */
    pxb_ms_expr exprs[PXB_MS_EXPRS_MAX];
    size_t expr_count;
    pxb_ms_cond conds[PXB_MS_CONDS_MAX];
    size_t cond_count;
    char description[PXB_MS_TEXT_MAX];
    int enabled;
    pxb_ms_options options;
} pxb_ms_policy;

/* Option values outside policies: at a level for everyone (class ""), or for one user class
 * (the V5 calls; servers without policies). */
typedef struct pxb_ms_values {
    pxb_ms_level level;
    char class_name[PXB_MS_NAME_MAX];
    pxb_ms_options options;
} pxb_ms_values;

typedef struct pxb_ms_state {
    unsigned major, minor;     /* DhcpGetVersion */
    int has_policies;          /* the server has policies (2012 and later) */
    int has_opt60;             /* option 060 is defined for IPv4 */
    int opt60_wrong_type;      /* ... but not as one string (what HTTPClient needs) */
    char opt60_comment[PXB_MS_TEXT_MAX];
    uint32_t *subnets;
    size_t subnet_count, subnet_cap;
    pxb_ms_class *classes;
    size_t class_count, class_cap;
    pxb_ms_policy *policies;
    size_t policy_count, policy_cap;
    pxb_ms_values *values;
    size_t value_count, value_cap;
} pxb_ms_state;

void pxb_ms_state_init(pxb_ms_state *s);
void pxb_ms_state_free(pxb_ms_state *s);
/* Deep copy; -1 if out of memory (dst is then empty). */
int pxb_ms_state_copy(pxb_ms_state *dst, const pxb_ms_state *src);

/* Each appends a zeroed entry and returns it, or NULL if out of memory. */
pxb_ms_class *pxb_ms_add_class(pxb_ms_state *s);
pxb_ms_policy *pxb_ms_add_policy(pxb_ms_state *s);
pxb_ms_values *pxb_ms_add_values(pxb_ms_state *s);
int pxb_ms_add_subnet(pxb_ms_state *s, uint32_t subnet);

/* 66, 67, 60. */
unsigned pxb_ms_opt_id(enum pxb_ms_opt opt);
int pxb_ms_level_equal(const pxb_ms_level *a, const pxb_ms_level *b);
/* "server" or "scope 10.0.0.0". */
void pxb_ms_level_name(const pxb_ms_level *level, char out[32]);
/* True if the description (or comment) starts with the owner mark. */
int pxb_ms_owned(const char *description);

int pxb_ms_has_subnet(const pxb_ms_state *s, uint32_t subnet);
pxb_ms_class *pxb_ms_find_class(const pxb_ms_state *s, const char *name);
/* The class of that kind whose data are exactly these bytes. */
pxb_ms_class *pxb_ms_find_class_data(const pxb_ms_state *s, int is_vendor, const void *data,
                                     size_t len);
pxb_ms_policy *pxb_ms_find_policy(const pxb_ms_state *s, const pxb_ms_level *level,
                                  const char *name);
pxb_ms_values *pxb_ms_find_values(const pxb_ms_state *s, const pxb_ms_level *level,
                                  const char *class_name);
/* True if a condition of the policy matches on this class's data (option 60 for vendor
 * classes, 77 for user classes). */
int pxb_ms_policy_uses(const pxb_ms_policy *p, const pxb_ms_class *c);
/* True if deleting class c also deletes policy p (MS-DHCPM 3.2.4.27): c is a user class and
 * p's one condition is EQ to c's data (3.2.4.109 then binds p to c). */
int pxb_ms_class_cascades(const pxb_ms_policy *p, const pxb_ms_class *c);
/* True if both have the same expressions and conditions, in the same order. */
int pxb_ms_same_conditions(const pxb_ms_policy *a, const pxb_ms_policy *b);

/* How the server renumbers the policies of a level: insert at `order` (the others from there
 * move down one), take out the one at `order` (those after it move up one). */
void pxb_ms_order_insert(pxb_ms_state *s, const pxb_ms_level *level, unsigned order);
void pxb_ms_order_remove(pxb_ms_state *s, const pxb_ms_level *level, unsigned order);

#endif
