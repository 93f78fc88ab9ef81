# SPDX-License-Identifier: MIT
# Run by `cmake --install` (cmake/Install.cmake): writes poxauth.pc for the
# prefix of this install and installs it (DESTDIR honoured by file(INSTALL)).
# The paths are absolute, as Debian's .pc files are: a relative
# ${pcfiledir} breaks with a multiarch libdir (lib/x86_64-linux-gnu).
set(prefix "${CMAKE_INSTALL_PREFIX}")
foreach(_kind LIBDIR INCLUDEDIR)
  set(_dir "${POXAUTH_PC_${_kind}}")
  if(IS_ABSOLUTE "${_dir}")
    set(_pc_${_kind} "${_dir}")
    set(_full_${_kind} "${_dir}")
  else()
    set(_pc_${_kind} "\${prefix}/${_dir}")
    set(_full_${_kind} "${prefix}/${_dir}")
  endif()
endforeach()
set(POXAUTH_PC_PREFIX "${prefix}")
set(POXAUTH_PC_LIBDIR_VALUE "${_pc_LIBDIR}")
set(POXAUTH_PC_INCLUDEDIR_VALUE "${_pc_INCLUDEDIR}")
configure_file("${POXAUTH_PC_IN}" "${POXAUTH_PC_OUT}" @ONLY)
file(INSTALL DESTINATION "${_full_LIBDIR}/pkgconfig" TYPE FILE FILES "${POXAUTH_PC_OUT}")
