/* store.h: persistence of the double's state in a text file named by the environment
 * variable PXB_DHCP_DOUBLE_STATE (a Windows or Z:\ path). Each API call loads the file and
 * saves it after a change, so separate processes (the product, dhcpdouble.exe, tests) see
 * one server. The text is also the `dhcpdouble dump` output. Format: docs/dhcp-test-double.md. */
#ifndef PXB_DOUBLE_STORE_H
#define PXB_DOUBLE_STORE_H

#include <stdio.h>

#include "model.h"

/* Fresh state: the local server, version 6.3 (Windows Server 2012 R2), its defaults. */
int store_fresh(dbl_state *state);
/* Loads the state file, or fresh state when it does not exist yet. Returns a Win32 code:
 * 0, ERROR_ENVVAR_NOT_FOUND (variable unset), ERROR_INVALID_DATA (bad file: *bad_line says
 * where), ERROR_OPEN_FAILED or ERROR_NOT_ENOUGH_MEMORY. */
unsigned long store_load(dbl_state *state, unsigned *bad_line);
/* Writes the state (canonically ordered) to the file. Returns a Win32 code. */
unsigned long store_save(dbl_state *state);
/* Writes the state as text, canonically ordered; without the "fault" lines (injected
 * faults and the write count) unless with_faults. */
void store_format(dbl_state *state, FILE *out, int with_faults);

#endif
