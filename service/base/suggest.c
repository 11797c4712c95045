/* suggest.c: the closest known word to a mistyped one, by optimal-string-alignment edit
 * distance (see suggest.h). */
#include "suggest.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ascii_case.h"

#define MAX_EDITS 2

static unsigned min2(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

size_t pxb_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    /* d[i][j]: edits between the first i characters of a and the first j of b. */
    uint8_t d[PXB_SUGGEST_WORD_MAX + 1][PXB_SUGGEST_WORD_MAX + 1];

    if (n > PXB_SUGGEST_WORD_MAX || m > PXB_SUGGEST_WORD_MAX)
        return SIZE_MAX;
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (uint8_t)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (uint8_t)j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = pxb_ascii_lower(a[i - 1]) == pxb_ascii_lower(b[j - 1]) ? 0 : 1;
            unsigned best = min2(min2(d[i - 1][j] + 1u, d[i][j - 1] + 1u), d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && pxb_ascii_lower(a[i - 1]) == pxb_ascii_lower(b[j - 2]) &&
                pxb_ascii_lower(a[i - 2]) == pxb_ascii_lower(b[j - 1]))
                best = min2(best, d[i - 2][j - 2] + 1u);
            d[i][j] = (uint8_t)best;
        }
    }
    return d[n][m];
}

void pxb_suggest_start(pxb_suggestion *s, const char *typed)
{
    s->typed = typed;
    s->best = NULL;
    s->distance = SIZE_MAX;
}

void pxb_suggest_offer(pxb_suggestion *s, const char *candidate)
{
    size_t d = pxb_edit_distance(s->typed, candidate);
    if (d < s->distance) {
        s->best = candidate;
        s->distance = d;
    }
}

const char *pxb_suggest_best(const pxb_suggestion *s)
{
    if (s->best == NULL || s->distance > MAX_EDITS || s->distance >= strlen(s->typed))
        return NULL;
    return s->best;
}

void pxb_suggest_hint(const pxb_suggestion *s, const char *prefix, char *out, size_t out_len)
{
    const char *best = pxb_suggest_best(s);
    if (best != NULL)
        snprintf(out, out_len, "; did you mean '%s%s'?", prefix, best);
    else if (out_len > 0)
        out[0] = '\0';
}
