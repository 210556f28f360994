; pedesk's installer: pynsist fills in this template (its double brackets and bracket-percent tags) and installer/build compiles it.
; Per user, without administrator rights, under %LOCALAPPDATA%\Programs\pedesk; Kazakh, Russian and English
; (chosen by the Windows UI language, with a chooser); a Start-menu shortcut and an optional desktop one named
; in that language; pedesk.exe for the command line on the user's PATH; silent with /S and /D=FOLDER; an
; uninstaller that leaves the user's data (%LOCALAPPDATA%\pedesk) and says where it is.

!define PRODUCT_NAME "[[ib.appname]]"
!define PRODUCT_VERSION "[[ib.version]]"
!define INSTALLER_NAME "[[ib.installer_name]]"
!define PRODUCT_ICON "[[icon]]"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\pedesk"
!define OWN_KEY "Software\pedesk\Installer"

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\pedesk"
InstallDirRegKey HKCU "${OWN_KEY}" "InstallDir"
Name "${PRODUCT_NAME} ${PRODUCT_VERSION}"
OutFile "${INSTALLER_NAME}"
ShowInstDetails show
ShowUninstDetails show

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${OWN_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Language"
!define MUI_LANGDLL_ALLLANGUAGES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "$(RUN_NOW)"
!define MUI_FINISHPAGE_RUN_FUNCTION StartPedesk

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the one for a Windows in any other language.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGEEX "languages" "Kazakh"
!insertmacro MUI_RESERVEFILE_LANGDLL

!include "languages\pedesk-strings.nsh"

Section "!$(APP_SECTION)" sec_app
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${PRODUCT_ICON}"
  ; a newer version over an older one: no module of the old one stays behind; the data is elsewhere
  RMDir /r "$INSTDIR\pkgs"
  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"

  [% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
  [% for file in group %]
  File "[[ file ]]"
  [% endfor %]
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[dir]]\*.*"
  [% endfor %]

  ; the shortcuts start pedesk from the user's folder, in the language of the installer
  SetOutPath "%HOMEDRIVE%\%HOMEPATH%"
  [% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$SMPROGRAMS\$(SHORTCUT_NAME).lnk" "[[sc['target'] ]]" '[[ sc['parameters'] ]]' \
    "$INSTDIR\[[ sc['icon'] ]]"
  [% endfor %]
  SetOutPath "$INSTDIR"
  WriteRegStr HKCU "${OWN_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${OWN_KEY}" "ShortcutName" "$(SHORTCUT_NAME)"

  [% if has_commands %]
  DetailPrint "$(ADDING_TO_PATH)"
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
  [% endif %]

  DetailPrint "$(COMPILING)"
  nsExec::ExecToLog '[[ python ]] -m compileall -q "$INSTDIR\pkgs"'

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "[[ib.publisher]]"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "$(DESKTOP_SECTION)" sec_desktop
  SetOutPath "%HOMEDRIVE%\%HOMEPATH%"
  [% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$DESKTOP\$(SHORTCUT_NAME).lnk" "[[sc['target'] ]]" '[[ sc['parameters'] ]]' \
    "$INSTDIR\[[ sc['icon'] ]]"
  [% endfor %]
  WriteRegDWORD HKCU "${OWN_KEY}" "DesktopShortcut" 1
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_app} "$(APP_SECTION_TEXT)"
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_desktop} "$(DESKTOP_SECTION_TEXT)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function StartPedesk
  [% for scname, sc in ib.shortcuts.items() %]
  Exec '"[[sc['target'] ]]" [[ sc['parameters'] ]]'
  [% endfor %]
FunctionEnd

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "Uninstall"
  [% if has_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove "$INSTDIR\bin"'
  [% endif %]
  ReadRegStr $0 HKCU "${OWN_KEY}" "ShortcutName"
  ${If} $0 != ""
    Delete "$SMPROGRAMS\$0.lnk"
    Delete "$DESKTOP\$0.lnk"
  ${EndIf}
  RMDir /r "$INSTDIR\pkgs"
  [% for file, destination in ib.install_files %]
  Delete "[[pjoin(destination, file)]]"
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  RMDir /r "[[pjoin(destination, dir)]]"
  [% endfor %]
  Delete "$INSTDIR\${PRODUCT_ICON}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${OWN_KEY}"
  ; the database, its backups and the settings are the user's: they stay, and the user is told where
  DetailPrint "$(DATA_KEPT)"
  MessageBox MB_OK|MB_ICONINFORMATION "$(DATA_KEPT)" /SD IDOK
SectionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd
