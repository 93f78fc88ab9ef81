# SPDX-License-Identifier: MIT
# Installs the libraries, header, tool, man pages, a CMake package
# (poxauth::poxauth, poxauth::poxauth_static) and poxauth.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_poxauth_cmakedir ${CMAKE_INSTALL_LIBDIR}/cmake/poxauth)
# One export set per kind of library: a consumer's find_package loads the
# files that were installed, and only the static one needs expat found.
if(POXAUTH_BUILD_SHARED)
  install(TARGETS poxauth EXPORT poxauthTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT poxauthTargets NAMESPACE poxauth:: DESTINATION ${_poxauth_cmakedir})
endif()
if(TARGET poxauth::poxauth_static)
  get_target_property(_poxauth_static poxauth::poxauth_static ALIASED_TARGET)
  install(TARGETS ${_poxauth_static} EXPORT poxauthStaticTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT poxauthStaticTargets NAMESPACE poxauth:: DESTINATION ${_poxauth_cmakedir})
endif()
if(TARGET poxauth-tool)
  install(TARGETS poxauth-tool RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/poxauthConfig.cmake.in
  ${PROJECT_BINARY_DIR}/poxauthConfig.cmake
  INSTALL_DESTINATION ${_poxauth_cmakedir})
# Below 1.0 a minor release may break the API: only the same minor matches.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_poxauth_compat SameMinorVersion)
else()
  set(_poxauth_compat SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/poxauthConfigVersion.cmake
  COMPATIBILITY ${_poxauth_compat})
install(FILES ${PROJECT_BINARY_DIR}/poxauthConfig.cmake
              ${PROJECT_BINARY_DIR}/poxauthConfigVersion.cmake
  DESTINATION ${_poxauth_cmakedir})

# Every page in doc/man, by its section.
file(GLOB _poxauth_man_pages CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/doc/man/*.[1-9])
foreach(_page IN LISTS _poxauth_man_pages)
  string(REGEX MATCH "[1-9]$" _section "${_page}")
  install(FILES ${_page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${_section})
endforeach()

# poxauth.pc is written at install time, for the prefix being installed to
# (cmake --install --prefix P), not the one configured.
install(CODE "
  set(POXAUTH_PC_IN \"${PROJECT_SOURCE_DIR}/cmake/poxauth.pc.in\")
  set(POXAUTH_PC_OUT \"${PROJECT_BINARY_DIR}/pkgconfig/poxauth.pc\")
  set(POXAUTH_PC_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(POXAUTH_PC_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(PROJECT_DESCRIPTION \"${PROJECT_DESCRIPTION}\")
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  include(\"${PROJECT_SOURCE_DIR}/cmake/InstallPkgConfig.cmake\")")
