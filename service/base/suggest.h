/* suggest.h: "did you mean ...?" for mistyped command words, option names and setting
 * names. The caller offers each known word in turn; the closest one by edit distance
 * (insertions, deletions, substitutions and swaps of neighbours, ignoring ASCII case) wins
 * if it is close enough to be a likely typo. Pure string code. */
#ifndef PXB_SUGGEST_H
#define PXB_SUGGEST_H

#include <stddef.h>

/* Words longer than this are never matched (no command word or setting name is). */
#define PXB_SUGGEST_WORD_MAX 64
/* Room for any hint pxb_suggest_hint writes. */
#define PXB_SUGGEST_HINT_MAX (PXB_SUGGEST_WORD_MAX + 32)

typedef struct pxb_suggestion {
    const char *typed;   /* what the user wrote */
    const char *best;    /* closest candidate so far, or NULL */
    size_t distance;     /* its edit distance */
} pxb_suggestion;

void pxb_suggest_start(pxb_suggestion *s, const char *typed);
/* Considers one known word; the first of equally close words is kept. */
void pxb_suggest_offer(pxb_suggestion *s, const char *candidate);
/* The closest word if it is a likely typo of the typed one (at most 2 edits, and fewer
 * edits than the typed word has characters), else NULL. */
const char *pxb_suggest_best(const pxb_suggestion *s);

/* Writes "; did you mean '<prefix><word>'?" for the closest likely word, or "" when there
 * is none, for the end of an error message. */
void pxb_suggest_hint(const pxb_suggestion *s, const char *prefix, char *out, size_t out_len);

/* The edit distance between a and b ignoring ASCII case; words longer than
 * PXB_SUGGEST_WORD_MAX count as infinitely far (SIZE_MAX). */
size_t pxb_edit_distance(const char *a, const char *b);

#endif
