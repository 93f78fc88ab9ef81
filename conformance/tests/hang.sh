#!/bin/sh
# SPDX-License-Identifier: MIT
# A shell adapter that starts a child which never ends: the runner must kill
# the whole process group at the timeout, not only the shell.
sleep 1000
