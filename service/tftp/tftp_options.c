/* tftp_options.c: option negotiation for read requests (see tftp_options.h). One table says
 * each option's RFC range; the limits then lower blksize and windowsize or drop a timeout. */
#include "tftp_options.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef struct option_rule {
    const char *name;
    unsigned bit;
    uint64_t min, max;
    const char *reason; /* sent with TFTP error 8 when the value is out of range */
} option_rule;

/* Listed in the order the OACK and the description carry them. */
static const option_rule RULES[] = {
    {"blksize", TFTP_OPT_BLKSIZE, 8, TFTP_BLKSIZE_MAX, "blksize must be a number from 8 to 65464"},
    {"windowsize", TFTP_OPT_WINDOWSIZE, 1, 65535, "windowsize must be a number from 1 to 65535"},
    {"timeout", TFTP_OPT_TIMEOUT, 1, 255, "timeout must be a number from 1 to 255"},
    {"tsize", TFTP_OPT_TSIZE, 0, UINT64_MAX, "tsize must be a number"},
};
#define RULE_COUNT (sizeof RULES / sizeof RULES[0])

/* Decimal digits only; values too large for 64 bits saturate. -1 for anything else. */
static int parse_number(const char *text, uint64_t *out)
{
    uint64_t v = 0;
    if (!*text)
        return -1;
    for (; *text; text++) {
        if (*text < '0' || *text > '9')
            return -1;
        unsigned d = (unsigned)(*text - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
    }
    *out = v;
    return 0;
}

static const option_rule *find_rule(const char *name)
{
    for (size_t i = 0; i < RULE_COUNT; i++)
        if (tftp_packet_name_is(name, RULES[i].name))
            return &RULES[i];
    return NULL;
}

static void apply_option(tftp_negotiation *n, const tftp_limits *limits, unsigned bit,
                         uint64_t v)
{
    switch (bit) {
    case TFTP_OPT_BLKSIZE:
        n->blksize = (uint32_t)(v < limits->max_blksize ? v : limits->max_blksize);
        n->acked |= bit;
        break;
    case TFTP_OPT_WINDOWSIZE:
        n->windowsize = (uint32_t)(v < limits->max_windowsize ? v : limits->max_windowsize);
        n->acked |= bit;
        break;
    case TFTP_OPT_TIMEOUT:
        if (v <= limits->max_timeout_s) {
            n->timeout_s = (uint32_t)v;
            n->acked |= bit;
        }
        break;
    case TFTP_OPT_TSIZE:
        n->acked |= bit;
        break;
    }
}

int tftp_options_negotiate(const tftp_packet *rq, const tftp_limits *limits,
                           tftp_negotiation *out, const char **reason)
{
    unsigned seen = 0;
    size_t cursor = 0;
    tftp_option opt;
    memset(out, 0, sizeof *out);
    out->blksize = TFTP_DEFAULT_BLKSIZE;
    out->windowsize = 1;
    while (tftp_packet_next_option(rq, &cursor, &opt)) {
        const option_rule *rule = find_rule(opt.name);
        if (!rule || (seen & rule->bit))
            continue;
        seen |= rule->bit;
        uint64_t v;
        if (parse_number(opt.value, &v) < 0 || v < rule->min || v > rule->max) {
            *reason = rule->reason;
            return -1;
        }
        apply_option(out, limits, rule->bit, v);
    }
    return 0;
}

static uint64_t option_value(const tftp_negotiation *n, uint64_t tsize, unsigned bit)
{
    switch (bit) {
    case TFTP_OPT_BLKSIZE:
        return n->blksize;
    case TFTP_OPT_WINDOWSIZE:
        return n->windowsize;
    case TFTP_OPT_TIMEOUT:
        return n->timeout_s;
    default:
        return tsize;
    }
}

size_t tftp_options_build_oack(const tftp_negotiation *n, uint64_t tsize, uint8_t *buf,
                               size_t buf_len)
{
    tftp_option opts[RULE_COUNT];
    char values[RULE_COUNT][24];
    size_t count = 0;
    for (size_t i = 0; i < RULE_COUNT; i++) {
        if (!(n->acked & RULES[i].bit))
            continue;
        snprintf(values[count], sizeof values[count], "%" PRIu64,
                 option_value(n, tsize, RULES[i].bit));
        opts[count].name = RULES[i].name;
        opts[count].value = values[count];
        count++;
    }
    return tftp_packet_build_oack(buf, buf_len, opts, count);
}

void tftp_options_describe(const tftp_negotiation *n, uint64_t tsize, char *buf, size_t buf_len)
{
    unsigned shown = n->acked | TFTP_OPT_BLKSIZE | TFTP_OPT_WINDOWSIZE;
    size_t pos = 0;
    if (buf_len == 0)
        return;
    buf[0] = 0;
    for (size_t i = 0; i < RULE_COUNT && pos < buf_len; i++) {
        if (!(shown & RULES[i].bit))
            continue;
        int w = snprintf(buf + pos, buf_len - pos, "%s%s=%" PRIu64, pos ? " " : "",
                         RULES[i].name, option_value(n, tsize, RULES[i].bit));
        if (w < 0)
            return;
        pos += (size_t)w;
    }
}
