/* Everything a Jinx system program usually needs, in one include. */
#ifndef _MINIX_JINX_H
#define _MINIX_JINX_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <minix/com.h>
#include <minix/const.h>
#include <minix/endpoint.h>
#include <minix/ipc.h>
#include <minix/safecopies.h>
#include <minix/sef.h>
#include <minix/syslib.h>
#include <minix/sysutil.h>
#include <minix/type.h>

#endif
