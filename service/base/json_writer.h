/* json_writer.h: writes JSON for the command line's --json output: objects, arrays,
 * strings (escaped per RFC 8259, UTF-8 passed through), integers, booleans, null, and
 * ready-made JSON values spliced in. Commas are placed by the writer; the text grows on
 * the heap. Compact output, keys in the order written, so scripts see stable documents. */
#ifndef PXB_JSON_WRITER_H
#define PXB_JSON_WRITER_H

#include <stddef.h>

#define PXB_JSON_DEPTH_MAX 16

typedef struct pxb_json {
    char *buf;
    size_t len, cap;
    int failed;                       /* out of memory, or nesting too deep or unbalanced */
    int depth;
    int has_items[PXB_JSON_DEPTH_MAX]; /* the open container already holds a value */
    int after_key;                    /* a key was written; its value comes next */
} pxb_json;

void pxb_json_init(pxb_json *j);
void pxb_json_free(pxb_json *j);
/* The document, NUL-terminated; NULL if writing failed or a container is still open. */
const char *pxb_json_text(const pxb_json *j);

void pxb_json_begin_object(pxb_json *j);
void pxb_json_end_object(pxb_json *j);
void pxb_json_begin_array(pxb_json *j);
void pxb_json_end_array(pxb_json *j);
/* Inside an object: the name of the next value. */
void pxb_json_key(pxb_json *j, const char *key);

/* s NULL writes null. */
void pxb_json_string(pxb_json *j, const char *s);
void pxb_json_int(pxb_json *j, long long v);
void pxb_json_bool(pxb_json *j, int v);
void pxb_json_null(pxb_json *j);
/* A value that is already JSON text (trusted, e.g. a report made by pxebridge). */
void pxb_json_raw(pxb_json *j, const char *json);

/* key + value in one call, for the common object members. */
void pxb_json_field_string(pxb_json *j, const char *key, const char *s);
void pxb_json_field_int(pxb_json *j, const char *key, long long v);
void pxb_json_field_bool(pxb_json *j, const char *key, int v);

#endif
