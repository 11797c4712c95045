/* model.h: the state of the dhcpsapi test double: one or more simulated Microsoft DHCP
 * servers (the local one has the empty name), each with its version, IPv4 address, scopes,
 * classes, option definitions, policies, option values, failover relationships and injected
 * faults. Each server's records are its own: nothing passes between servers by itself. Names and strings are
 * UTF-8 here; the API files convert at the boundary. The lists keep a canonical order
 * (model_sort) so that the saved text is stable. */
#ifndef PXB_DOUBLE_MODEL_H
#define PXB_DOUBLE_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Server versions the double tells apart: 6.1 = Windows Server 2008 R2 (no policies),
 * 6.2 = 2012 (policies), 6.3 = 2012 R2 (EndsWith and FQDN conditions, the Ex calls,
 * MS-DHCPM notes <75>-<86>), 10.0 = 2016 and later (as 2012 R2). */
#define DBL_VERSION(major, minor) ((major) * 100u + (minor))
#define DBL_VERSION_2012 DBL_VERSION(6, 2)
#define DBL_VERSION_2012_R2 DBL_VERSION(6, 3)

typedef struct dbl_bytes {
    unsigned char *data;
    size_t len;
} dbl_bytes;

/* One element of an option value, typed like DHCP_OPTION_DATA_ELEMENT. */
typedef struct dbl_elem {
    int type;       /* DHCP_OPTION_DATA_TYPE */
    uint32_t num;   /* byte, word, dword, IP address; first DWORD of a DWORD_DWORD */
    uint32_t num2;  /* second DWORD of a DWORD_DWORD */
    dbl_bytes data; /* string (UTF-8, no NUL), binary or encapsulated bytes, IPv6 text */
} dbl_elem;

typedef struct dbl_data {
    dbl_elem *elems;
    size_t count;
} dbl_data;

typedef struct dbl_subnet {
    uint32_t addr;
    uint32_t mask;
    int enforce; /* policy enforcement on this scope */
} dbl_subnet;

typedef struct dbl_class {
    char *name;
    char *comment;
    int vendor;
    uint32_t flags;
    int builtin;
    dbl_bytes data;
} dbl_class;

/* An option definition, keyed by ID and vendor class ("" = standard options). */
typedef struct dbl_optdef {
    uint32_t id;
    char *vendor;
    char *name;
    char *comment;
    int array;
    dbl_data defval;
} dbl_optdef;

typedef struct dbl_cond {
    uint32_t parent;
    int type; /* DHCP_POL_ATTR_TYPE */
    uint32_t option;
    uint32_t suboption;
    char *vendor;
    int op; /* DHCP_POL_COMPARATOR */
    dbl_bytes value;
} dbl_cond;

typedef struct dbl_expr {
    uint32_t parent;
    int op; /* DHCP_POL_LOGIC_OPER */
} dbl_expr;

typedef struct dbl_range {
    uint32_t start;
    uint32_t end;
} dbl_range;

typedef struct dbl_policy {
    char *name;
    uint32_t subnet; /* 0 = server level */
    uint32_t order;
    int enabled;
    char *description;
    char *class_name; /* MS-DHCPM 3.1.1.35 DHCPv4Policy.ClassName; "" = NULL */
    dbl_cond *conds;
    size_t cond_count;
    dbl_expr *exprs;
    size_t expr_count;
    dbl_range *ranges;
    size_t range_count;
} dbl_policy;

/* An option value: where it is set (server level when subnet is 0), for which policy or
 * (pre-2012, V5 calls) user class, in which vendor's option space. "" = none. */
typedef struct dbl_value {
    uint32_t subnet;
    char *policy;
    char *user_class;
    char *vendor;
    uint32_t option;
    dbl_data data;
} dbl_value;

/* A failover relationship as one server records it (MS-DHCPM 3.1.1 DHCPv4FailoverRelationship,
 * 2.2.1.2.98): its partner holds a record of its own, with the other role. The scopes are
 * the server's scopes in the relationship (their IsFailover is derived from this list). */
typedef struct dbl_failover {
    char *name;
    uint32_t primary;   /* primaryServer's address */
    uint32_t secondary; /* secondaryServer's address */
    int mode;           /* DHCP_FAILOVER_MODE */
    int role;           /* DHCP_FAILOVER_SERVER: this server's */
    int state;          /* FSM_STATE */
    int prev_state;
    uint32_t mclt;
    uint32_t safe_period;
    char *primary_name;
    char *secondary_name;
    uint32_t percentage;
    char *secret;
    uint32_t *scopes;
    size_t scope_count;
} dbl_failover;

/* Injected faults; see faults.c. */
typedef enum dbl_deny { DBL_DENY_NONE, DBL_DENY_WRITES, DBL_DENY_ALL } dbl_deny;
typedef enum dbl_down { DBL_DOWN_NONE, DBL_DOWN_UNREACHABLE, DBL_DOWN_STOPPED } dbl_down;

typedef struct dbl_faults {
    dbl_deny deny;
    dbl_down down;
    uint32_t fail_at;   /* the fail_at-th write call fails; 0 = never */
    uint32_t fail_code; /* with this code */
    uint32_t absent_code; /* getting or removing an unset value answers this instead of the
                             code MS-DHCPM gives the call; 0 = the spec's code */
    uint32_t page_max;  /* enumerations return at most this many items per call, below
                           the caller's PreferredMaximum (a variant: 0 = no such cap) */
    uint32_t writes;    /* write calls counted so far (across runs) */
} dbl_faults;

typedef struct dbl_server {
    char *name; /* "" = the local server */
    uint32_t addr; /* IPv4 address (host order); 0 = none given */
    uint32_t major;
    uint32_t minor;
    int enforce; /* server-level policy enforcement */
    dbl_faults faults;
    dbl_subnet *subnets;
    size_t subnet_count;
    dbl_class *classes;
    size_t class_count;
    dbl_optdef *optdefs;
    size_t optdef_count;
    dbl_policy *policies;
    size_t policy_count;
    dbl_value *values;
    size_t value_count;
    dbl_failover *failovers;
    size_t failover_count;
} dbl_server;

typedef struct dbl_state {
    dbl_server *servers;
    size_t server_count;
} dbl_state;

/* Grows an array by one zeroed element; returns it, or NULL when out of memory. */
void *model_grow(void **items, size_t *count, size_t size);
/* Removes element at of an array of count elements of size bytes (no freeing). */
void model_cut(void *items, size_t *count, size_t size, size_t at);

char *model_strdup(const char *text);
int model_bytes_set(dbl_bytes *bytes, const void *data, size_t len);
int model_bytes_eq(const dbl_bytes *a, const dbl_bytes *b);
int model_name_eq(const char *a, const char *b); /* case-insensitive, NULL == "" */

void model_data_free(dbl_data *data);
void model_class_free(dbl_class *cls);
void model_optdef_free(dbl_optdef *def);
void model_policy_free(dbl_policy *policy);
void model_value_free(dbl_value *value);
void model_failover_free(dbl_failover *failover);
void model_server_free(dbl_server *server);
void model_free(dbl_state *state);

/* Adds a server with the defaults of a fresh Microsoft DHCP server of that version: the
 * built-in classes (MS-DHCPM 3.1.1.8), option definitions 66 and 67, enforcement on, no
 * scopes. Returns it, or NULL when out of memory. */
dbl_server *model_add_server(dbl_state *state, const char *name, uint32_t major,
                             uint32_t minor);
/* "" / "localhost" / NULL select the local server. NULL when there is no such server. */
dbl_server *model_find_server(dbl_state *state, const char *name);
/* The server whose address is addr (not 0), or NULL. */
dbl_server *model_find_server_addr(dbl_state *state, uint32_t addr);

dbl_subnet *model_find_subnet(dbl_server *server, uint32_t addr);
dbl_class *model_find_class(dbl_server *server, const char *name);
/* The class of that kind (vendor or user) whose data equals data, or NULL. */
dbl_class *model_find_class_data(dbl_server *server, int vendor, const dbl_bytes *data);
dbl_optdef *model_find_optdef(dbl_server *server, uint32_t id, const char *vendor);
dbl_policy *model_find_policy(dbl_server *server, uint32_t subnet, const char *name);
dbl_value *model_find_value(dbl_server *server, const dbl_value *key);
dbl_failover *model_find_failover(dbl_server *server, const char *name);
/* The relationship whose scopes hold scope, or NULL. */
dbl_failover *model_find_failover_scope(dbl_server *server, uint32_t scope);
/* The server's version as DBL_VERSION(major, minor). */
unsigned model_version(const dbl_server *server);
/* 1 if server has the policy feature (version 6.2 or later). */
int model_has_policies(const dbl_server *server);

/* Puts every list in canonical order (servers by name, classes by name, policies by level
 * and processing order, values by level, policy, class, vendor and option, failover
 * relationships by name and their scopes by address). */
void model_sort(dbl_state *state);

#endif
