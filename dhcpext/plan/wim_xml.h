/* wim_xml.h: a WIM's XML metadata read (the resource the header's "XML Data" points at,
 * UTF-16LE text starting with its byte-order mark, as `wimlib-imagex info --xml` prints
 * it): for each IMAGE its INDEX, NAME, WINDOWS/ARCH and WINDOWS/VERSION. Only what those
 * documents use is read: elements, attributes in double quotes, text with the five
 * predefined entities, comments and processing instructions skipped. Portable, no I/O. */
#ifndef PXB_WIM_XML_H
#define PXB_WIM_XML_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"
#include "wim_info.h"

/* Reads the XML resource's len bytes: every IMAGE into out. Returns 0, or -1 when it is
 * not a WIM's XML metadata (no byte-order mark and WIM element: an encrypted ESD, or
 * damaged), is not well formed, or an IMAGE's INDEX is missing or repeated. */
int pxb_wim_xml_read(const uint8_t *data, size_t len, pxb_wim_xml *out, pxb_error *err);

#endif
