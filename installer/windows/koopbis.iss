; KOOP-BİS Masaüstü — Windows installer (Inno Setup 6, Unicode).
;
; Build on Windows from the project folder, in the project's virtual environment:
;   python installer\build.py            (bundle in dist\koopbis-desktop; also refreshes AppVersion below)
;   iscc installer\windows\koopbis.iss   (writes dist\koopbis-desktop-<version>-windows-x64-setup.exe)
;
; Per-user install without administrator rights. Every path below is one that
; installer\koopbis.spec produces; tests\test_installer.py checks that, and that
; AppVersion equals the version in pyproject.toml.

#define AppName "KOOP-BİS Masaüstü"
; Filled from pyproject.toml by installer\build.py (make dist); checked by tests\test_installer.py.
#define AppVersion "0.1.0"
#define AppPublisher "KOOP-BİS Desktop"
#define BundleDir "..\..\dist\koopbis-desktop"
#define DesktopExe "koopbis-desktop.exe"
#define CliExe "koopbis.exe"
#define ServerExe "koopbis-server.exe"
#define AppIcon "..\..\resources\icons\koopbis.ico"
; The desktop's data folder (platformdirs: %LOCALAPPDATA%\<author>\<app>): database, backups, logs.
#define DataDir "{localappdata}\KOOPBIS\koopbis-desktop"
; The Task Scheduler task of the unattended sync (offered as a task, removed at uninstall).
#define SyncTask "KOOPBIS-Esitleme"
; The account the scheduled sync opens the (encrypted) database with; its password is kept in
; the Windows Credential Manager by "koopbis key remember --as esitleme" (README "Unattended offices").
#define SyncAccount "esitleme"
#define SyncMinutes "15"

[Setup]
AppId={{592B02C4-53FB-4716-8806-177DABB8DA57}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Per user, no UAC prompt: %LOCALAPPDATA%\Programs\koopbis-desktop
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\koopbis-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir=..\..\dist
OutputBaseFilename=koopbis-desktop-{#AppVersion}-windows-x64-setup
SetupIconFile={#AppIcon}
UninstallDisplayIcon={app}\{#DesktopExe}
UninstallDisplayName={#AppName} {#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "turkish"; MessagesFile: "compiler:Languages\Turkish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
turkish.ServerShortcut=KOOP-BİS Eğitim Sunucusu
english.ServerShortcut=KOOP-BİS Training Server
turkish.CliShortcut=KOOP-BİS komut satırı
english.CliShortcut=KOOP-BİS command line
turkish.RemoveDataQuestion=Verileriniz (veritabanı, yedekler, günlükler) şu klasörde duruyor:%n%n%1%n%nBu klasör de silinsin mi? Silinen kayıtlar geri getirilemez. Emin değilseniz Hayır'ı seçin; program yeniden kurulduğunda veriler olduğu gibi açılır.
turkish.SyncTaskDescription=KOOP-BİS'e zamanlanmış eşitleme (her {#SyncMinutes} dakikada bir, masaüstü programı kapalıyken de)
english.SyncTaskDescription=Scheduled sync to KOOP-BİS (every {#SyncMinutes} minutes, also while the desktop program is closed)
turkish.SyncTaskGroup=Eşitleme:
english.SyncTaskGroup=Sync:
english.RemoveDataQuestion=Your data (database, backups, logs) is in this folder:%n%n%1%n%nDelete this folder as well? Deleted records cannot be recovered. If unsure, choose No; a reinstalled program opens the data as it was.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "scheduledsync"; Description: "{cm:SyncTaskDescription}"; GroupDescription: "{cm:SyncTaskGroup}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle's runtime whole, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#DesktopExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:ServerShortcut}"; Filename: "{app}\{#ServerExe}"; Parameters: "--seed-data 500 --db ""{#DataDir}\egitim-sunucusu.sqlite"""; WorkingDir: "{app}"; IconFilename: "{app}\{#DesktopExe}"
Name: "{autoprograms}\{cm:CliShortcut}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#DesktopExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; The unattended sync: "koopbis sync --once" every few minutes for this user (no admin rights).
; The KOOP-BİS password is read from the Windows Credential Manager, saved in the desktop program.
Filename: "{sys}\schtasks.exe"; Parameters: "/Create /F /SC MINUTE /MO {#SyncMinutes} /TN ""{#SyncTask}"" /TR ""\""{app}\{#CliExe}\"" sync --once --as {#SyncAccount}"""; Flags: runhidden; Tasks: scheduledsync
Filename: "{app}\{#DesktopExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Removed with the program whether or not it was chosen at install (a missing task is no error).
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""{#SyncTask}"""; Flags: runhidden; RunOnceId: "DeleteSyncTask"

[UninstallDelete]
; Only what the program itself left in its own folder (__pycache__ and the like).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
var
  RemoveData: Boolean;

function DataFolder(): String;
begin
  Result := ExpandConstant('{#DataDir}');
end;

{ Asked once, before anything is removed. The data stays unless the person says Yes
  (the default button is No); a silent uninstall never removes it. }
function InitializeUninstall(): Boolean;
begin
  Result := True;
  RemoveData := False;
  if (not UninstallSilent()) and DirExists(DataFolder()) then
    RemoveData := MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [DataFolder()]),
      mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and RemoveData then
  begin
    DelTree(DataFolder(), True, True, True);
    { The KOOPBIS parent folder goes too when nothing else is left in it. }
    RemoveDir(ExtractFileDir(DataFolder()));
  end;
end;
