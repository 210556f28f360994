; pedesk's own strings of the installer, in its three languages (UTF-8 with a BOM, as NSIS reads it).

LangString SHORTCUT_NAME ${LANG_ENGLISH} "pedesk - teachers' courses"
LangString SHORTCUT_NAME ${LANG_RUSSIAN} "pedesk - курсы педагогов"
LangString SHORTCUT_NAME ${LANG_KAZAKH} "pedesk - педагогтер курстары"

LangString APP_SECTION ${LANG_ENGLISH} "pedesk"
LangString APP_SECTION ${LANG_RUSSIAN} "pedesk"
LangString APP_SECTION ${LANG_KAZAKH} "pedesk"

LangString APP_SECTION_TEXT ${LANG_ENGLISH} "The program, its Start-menu shortcut and pedesk.exe for the command line."
LangString APP_SECTION_TEXT ${LANG_RUSSIAN} "Программа, ярлык в меню «Пуск» и pedesk.exe для командной строки."
LangString APP_SECTION_TEXT ${LANG_KAZAKH} "Бағдарлама, «Бастау» мәзіріндегі таңбаша және командалық жолға арналған pedesk.exe."

LangString DESKTOP_SECTION ${LANG_ENGLISH} "Desktop shortcut"
LangString DESKTOP_SECTION ${LANG_RUSSIAN} "Ярлык на рабочем столе"
LangString DESKTOP_SECTION ${LANG_KAZAKH} "Жұмыс үстеліндегі таңбаша"

LangString DESKTOP_SECTION_TEXT ${LANG_ENGLISH} "A shortcut to pedesk on the desktop."
LangString DESKTOP_SECTION_TEXT ${LANG_RUSSIAN} "Ярлык pedesk на рабочем столе."
LangString DESKTOP_SECTION_TEXT ${LANG_KAZAKH} "Жұмыс үстелінде pedesk таңбашасы."

LangString RUN_NOW ${LANG_ENGLISH} "Start pedesk"
LangString RUN_NOW ${LANG_RUSSIAN} "Запустить pedesk"
LangString RUN_NOW ${LANG_KAZAKH} "pedesk-ті іске қосу"

LangString ADDING_TO_PATH ${LANG_ENGLISH} "Adding pedesk.exe to the command line (PATH)..."
LangString ADDING_TO_PATH ${LANG_RUSSIAN} "Добавление pedesk.exe в командную строку (PATH)..."
LangString ADDING_TO_PATH ${LANG_KAZAKH} "pedesk.exe командалық жолға (PATH) қосылуда..."

LangString COMPILING ${LANG_ENGLISH} "Preparing the program's modules..."
LangString COMPILING ${LANG_RUSSIAN} "Подготовка модулей программы..."
LangString COMPILING ${LANG_KAZAKH} "Бағдарлама модульдері дайындалуда..."

LangString DATA_KEPT ${LANG_ENGLISH} "pedesk was removed. Your data (the database, its backups and the settings) stays in $LOCALAPPDATA\pedesk\pedesk; delete that folder yourself only if you no longer need it."
LangString DATA_KEPT ${LANG_RUSSIAN} "pedesk удалён. Ваши данные (база данных, её резервные копии и настройки) остаются в $LOCALAPPDATA\pedesk\pedesk; удалите эту папку сами, только если они больше не нужны."
LangString DATA_KEPT ${LANG_KAZAKH} "pedesk жойылды. Деректеріңіз (дерекқор, оның сақтық көшірмелері және баптаулар) $LOCALAPPDATA\pedesk\pedesk қалтасында қалады; олар енді қажет болмаса ғана бұл қалтаны өзіңіз жойыңыз."
