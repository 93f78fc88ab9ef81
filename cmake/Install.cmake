# SPDX-License-Identifier: MIT
# Installs the library, header, tool, CMake package (poxauth::poxauth) and
# a pkg-config file.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS poxauth EXPORT poxauthTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  PUBLIC_HEADER DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET poxauth-tool)
  install(TARGETS poxauth-tool RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

install(EXPORT poxauthTargets NAMESPACE poxauth::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/poxauth)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/poxauthConfig.cmake.in
  ${PROJECT_BINARY_DIR}/poxauthConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/poxauth)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/poxauthConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/poxauthConfig.cmake
              ${PROJECT_BINARY_DIR}/poxauthConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/poxauth)

configure_file(${PROJECT_SOURCE_DIR}/cmake/poxauth.pc.in
  ${PROJECT_BINARY_DIR}/poxauth.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/poxauth.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
