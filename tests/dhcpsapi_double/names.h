/* names.h: the text forms the double uses in its state file, its dump and its evaluation
 * output: names of the API's enumerations (comparators, attribute types, element types...),
 * dotted IPv4 addresses, MAC addresses and quoted byte strings. */
#ifndef PXB_DOUBLE_NAMES_H
#define PXB_DOUBLE_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model.h"

typedef enum names_kind {
    NAMES_ATTR,    /* DHCP_POL_ATTR_TYPE */
    NAMES_COMP,    /* DHCP_POL_COMPARATOR */
    NAMES_LOGIC,   /* DHCP_POL_LOGIC_OPER */
    NAMES_ELEM,    /* DHCP_OPTION_DATA_TYPE */
    NAMES_DENY,    /* dbl_deny */
    NAMES_DOWN,    /* dbl_down */
    NAMES_FO_MODE, /* DHCP_FAILOVER_MODE */
    NAMES_FO_ROLE, /* DHCP_FAILOVER_SERVER */
    NAMES_FSM,     /* FSM_STATE */
    NAMES_KIND_COUNT
} names_kind;

/* The name of value, or NULL if value is outside the enumeration. */
const char *names_of(names_kind kind, int value);
/* The value named text (exact, lower case), or -1. */
int names_find(names_kind kind, const char *text);

void names_ip_format(uint32_t addr, char out[16]);
/* Parses a dotted IPv4 address into host order. Returns 0 or -1. */
int names_ip_parse(const char *text, uint32_t *addr);
/* Parses "aa:bb:cc:dd:ee:ff" (or '-' separated) into at most out_max bytes. Returns the
 * length, or -1. */
int names_mac_parse(const char *text, unsigned char *out, size_t out_max);

/* Writes bytes as a quoted string: printable ASCII as is, '"', '\' and others as \xHH. */
void names_quote(FILE *out, const unsigned char *data, size_t len);
/* Reads a quoted string starting at *text (at the opening quote) into bytes; moves *text
 * past the closing quote. Returns 0 or -1. */
int names_unquote(const char **text, dbl_bytes *bytes);

#endif
