# beyond-wixl.sql: what the pxebridge MSI needs and wixl 0.101 cannot express, applied by
# build-msi.sh with msibuild after wixl, one query per line.
#
# The system PATH entry for the CLI (no Environment element before wixl 0.105). Name
# "=-*Path": set at install (=), removed at uninstall (-), system-wide (*); Value
# "[~];[INSTALLDIR]" appends the folder to what is there, and uninstall removes just that
# part. Keyed to the CLI's component, so it lives exactly as long as pxebridge.exe does.
CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, `Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)
INSERT INTO `Environment` (`Environment`, `Name`, `Value`, `Component_`) VALUES ('CliOnSystemPath', '=-*Path', '[~];[INSTALLDIR]', 'Cli')
INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('RemoveEnvironmentStrings', 3300)
INSERT INTO `InstallExecuteSequence` (`Action`, `Sequence`) VALUES ('WriteEnvironmentStrings', 5200)
#
# The settings from public properties (no Component Condition or Permanent in wixl 0.101):
# each component is installed only when its property is given, and is permanent (never
# removed), so an upgrade without the property keeps the value. Attributes 276 =
# RegistryKeyPath (4) + Permanent (16) + 64-bit (256).
UPDATE `Component` SET `Condition` = 'TFTPROOT', `Attributes` = 276 WHERE `Component` = 'SettingTftpRoot'
UPDATE `Component` SET `Condition` = 'PORT', `Attributes` = 276 WHERE `Component` = 'SettingPort'
UPDATE `Component` SET `Condition` = 'HTTPPORT', `Attributes` = 276 WHERE `Component` = 'SettingHttpPort'
UPDATE `Component` SET `Condition` = 'DHCPSERVER', `Attributes` = 276 WHERE `Component` = 'SettingDhcpServers'
UPDATE `Component` SET `Condition` = 'BOOTSERVER', `Attributes` = 276 WHERE `Component` = 'SettingBootServer'
UPDATE `Component` SET `Condition` = 'BOOTSCRIPTURL', `Attributes` = 276 WHERE `Component` = 'SettingScriptUrl'
UPDATE `Component` SET `Condition` = 'PROXYDHCP', `Attributes` = 276 WHERE `Component` = 'SettingProxyDhcp'
