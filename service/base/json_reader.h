/* json_reader.h: reads a JSON document (RFC 8259) into a tree, for the command line to read
 * the service's answers. Strings come out as UTF-8 (\u escapes and surrogate pairs decoded),
 * numbers as integers (a fraction or exponent is refused: pxebridge writes none). Objects
 * keep their members in order. Nesting is bounded. Portable. */
#ifndef PXB_JSON_READER_H
#define PXB_JSON_READER_H

#include <stddef.h>

#include "pxb_error.h"

enum pxb_jtype { PXB_JNULL, PXB_JBOOL, PXB_JINT, PXB_JSTRING, PXB_JARRAY, PXB_JOBJECT };

typedef struct pxb_jvalue pxb_jvalue;

struct pxb_jvalue {
    enum pxb_jtype type;
    long long number;  /* JINT; JBOOL: 0 or 1 */
    char *text;        /* JSTRING */
    char *key;         /* the member's name, inside an object */
    pxb_jvalue *items; /* JARRAY, JOBJECT */
    size_t count;
};

/* Parses text; NULL with the reason (and where) in err (NULL accepted) if it is not one
 * JSON document. */
pxb_jvalue *pxb_json_parse(const char *text, size_t len, pxb_error *err);
void pxb_json_release(pxb_jvalue *v);

/* The member of an object with this key, or NULL (also when v is NULL or no object). */
const pxb_jvalue *pxb_json_get(const pxb_jvalue *v, const char *key);
/* A member's string, or fallback when it is missing or not a string. */
const char *pxb_json_get_text(const pxb_jvalue *v, const char *key, const char *fallback);
/* A member's integer (or boolean), or fallback. */
long long pxb_json_get_int(const pxb_jvalue *v, const char *key, long long fallback);

#endif
