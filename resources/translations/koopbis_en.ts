<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="55"/>
        <source>KOOP-BİS Masaüstü hakkında</source>
        <translation>About KOOP-BİS Desktop</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="65"/>
        <source>&lt;b&gt;KOOP-BİS Masaüstü&lt;/b&gt;&lt;br&gt;KOOP-BİS bakımdayken kooperatif değişikliklerini çevrimdışı kaydetmek, onaylamak ve açılışta KOOP-BİS&apos;e aktarmak için.</source>
        <translation>&lt;b&gt;KOOP-BİS Desktop&lt;/b&gt;&lt;br&gt;Records and approves cooperative changes offline while KOOP-BİS is in maintenance, and transfers them to KOOP-BİS when it opens.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="76"/>
        <source>okunuyor…</source>
        <translation>reading…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="80"/>
        <source>Sürüm:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="81"/>
        <source>Derleme:</source>
        <translation>Build:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="82"/>
        <source>Veritabanı:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="83"/>
        <source>Şema sürümü:</source>
        <translation>Schema version:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="84"/>
        <source>Yedekler:</source>
        <translation>Backups:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="85"/>
        <source>Günlükler:</source>
        <translation>Logs:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="87"/>
        <source>Çalışma ortamı:</source>
        <translation>Runtime:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="107"/>
        <source>{0} (bu sürüm en çok {1} açabilir)</source>
        <translation>{0} (this version opens at most {1})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/about.py" line="111"/>
        <source>okunamadı: {0}</source>
        <translation>could not be read: {0}</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="77"/>
        <source>Kullanıcı ekle</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="92"/>
        <source>&amp;Kullanıcı adı:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="93"/>
        <source>&amp;Ad soyad:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="94"/>
        <source>&amp;Rol:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="95"/>
        <source>&amp;Parola:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="99"/>
        <source>&amp;Ekle</source>
        <translation>&amp;Add</translation>
    </message>
</context>
<context>
    <name>AttachmentPanel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="87"/>
        <source>&amp;Belge ekle…</source>
        <extracomment>The shared folder versions up to 0.1.0 left every opened scan in, for good.</extracomment>
        <translation>A&amp;ttach document…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="89"/>
        <source>Eki kaldır</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="91"/>
        <source>Aç</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="93"/>
        <source>Belgeyi bilgisayardaki görüntüleyiciyle açar</source>
        <translation>Opens the document in this computer&apos;s viewer</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="105"/>
        <source>PDF, JPG ya da PNG; en çok 10 MB. Dosyayı buraya sürükleyip bırakabilirsiniz.</source>
        <translation>PDF, JPG or PNG; at most 10 MB. You can drag and drop the file here.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="169"/>
        <source>Taranmış belge ekle</source>
        <translation>Attach a scanned document</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="171"/>
        <source>Taranmış belgeler (*.pdf *.jpg *.jpeg *.png);;Tüm dosyalar (*)</source>
        <translation>Scanned documents (*.pdf *.jpg *.jpeg *.png);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="187"/>
        <source>&apos;{0}&apos; zaten ekli (aynı içerikte bir dosya).</source>
        <translation>&apos;{0}&apos; is already attached (a file with the same content).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="191"/>
        <source>&apos;{0}&apos; eklendi.</source>
        <translation>&apos;{0}&apos; added.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="216"/>
        <source>&apos;{0}&apos; kaldırıldı; kaydettiğinizde kayıttan çıkar.</source>
        <translation>&apos;{0}&apos; removed; it leaves the entry when you save.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="262"/>
        <source>PDF belgesi
{0}
{1}
Görmek için «Aç».</source>
        <translation>PDF document
{0}
{1}
Press «Open» to view it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/attachments_panel.py" line="246"/>
        <source>Görüntü önizlenemiyor
{0}
{1}
Görmek için «Aç».</source>
        <translation>The image cannot be previewed
{0}
{1}
Press «Open» to view it.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="193"/>
        <source>Denetim izi</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="132"/>
        <source>kayıt no (uuid)</source>
        <translation>entry id (uuid)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="135"/>
        <source>kullanıcı adı</source>
        <translation>username</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="137"/>
        <source>&amp;Tarih:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="144"/>
        <source>&amp;Süz</source>
        <translation>F&amp;ilter</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="145"/>
        <source>&amp;Zinciri doğrula</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="167"/>
        <source>◀ &amp;Önceki</source>
        <translation>◀ &amp;Previous</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="168"/>
        <source>S&amp;onraki ▶</source>
        <translation>&amp;Next ▶</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="175"/>
        <source>&amp;Kayıt:</source>
        <translation>&amp;Entry:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="177"/>
        <source>K&amp;ullanıcı:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="256"/>
        <source>{0}–{1} / {2} kayıt</source>
        <translation>{0}–{1} of {2} rows</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="259"/>
        <source>Bu süzgeçle denetim kaydı yok.</source>
        <translation>No audit rows match this filter.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="281"/>
        <source>Zincir doğrulanıyor…</source>
        <translation>Verifying the chain…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="290"/>
        <source>Denetim izi sağlam: {0} kayıt, son özet {1}.</source>
        <translation>Audit trail intact: {0} rows, head hash {1}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="296"/>
        <source>Denetim izi BOZULMUŞ: ilk sorunlu kayıt {0}: {1}</source>
        <translation>Audit trail BROKEN: first bad row {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="156"/>
        <source>Bu süzgece uyan denetim kaydı yok; süzgeci genişletin ya da temizleyin.</source>
        <translation>No audit record matches this filter; widen or clear the filter.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="49"/>
        <source>Sıra</source>
        <translation>Seq</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="50"/>
        <source>Zaman</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="51"/>
        <source>Kullanıcı</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="52"/>
        <source>İşlem</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="53"/>
        <source>Kayıt</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="54"/>
        <source>Durum değişimi</source>
        <translation>State change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/audit.py" line="55"/>
        <source>Not / ayrıntı</source>
        <translation>Note / details</translation>
    </message>
</context>
<context>
    <name>BulkApprove</name>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="114"/>
        <source>{0} kayıt onaylandı.</source>
        <translation>{0} entries approved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="115"/>
        <source>{0} kayıt onaylanamadı:</source>
        <translation>{0} entries could not be approved:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="104"/>
        <source>Toplu onay</source>
        <translation>Approve several</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="105"/>
        <source>Onaylanacak kayıt seçilmedi.</source>
        <translation>No entry to approve is selected.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="106"/>
        <source>Seçili {0} kayıt onaylanacak.</source>
        <translation>The {0} selected entries will be approved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="112"/>
        <source>&amp;Onayla</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="113"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="107"/>
        <source>Her kayıt ayrı ayrı onaylanır; kendi yazdığınız, hatalı ya da liste gösterildikten sonra içeriği değişen kayıtlar onaylanmaz ve sonuçta nedeniyle listelenir. Devam edilsin mi?</source>
        <translation>Each entry is approved on its own; entries you wrote yourself, with errors, or whose content changed after the list was shown are not approved and are listed in the result with the reason. Continue?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="116"/>
        <source>Toplu onay sonucu</source>
        <translation>Result of approving several</translation>
    </message>
</context>
<context>
    <name>BulkSubmit</name>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="119"/>
        <source>Toplu onaya gönderme</source>
        <translation>Submit several for approval</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="120"/>
        <source>Onaya gönderilecek taslak seçilmedi.</source>
        <translation>No draft to submit is selected.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="121"/>
        <source>Seçili {0} taslak onaya gönderilecek.</source>
        <translation>The {0} selected drafts will be submitted for approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="122"/>
        <source>Her taslak ayrı ayrı gönderilir; hatası olan ya da iade edilip düzeltilmemiş kayıtlar gönderilmez ve sonuçta nedeniyle listelenir. Gönderilenleri şef onaylar. Devam edilsin mi?</source>
        <translation>Each draft is submitted on its own; entries with errors or returned and not yet corrected are not submitted and are listed in the result with the reason. A supervisor approves what is submitted. Continue?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="127"/>
        <source>&amp;Onaya gönder</source>
        <translation>&amp;Submit for approval</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="128"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="129"/>
        <source>{0} kayıt onaya gönderildi.</source>
        <translation>{0} entries submitted for approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="130"/>
        <source>{0} kayıt gönderilemedi:</source>
        <translation>{0} entries could not be submitted:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/bulk.py" line="131"/>
        <source>Toplu gönderme sonucu</source>
        <translation>Result of submitting several</translation>
    </message>
</context>
<context>
    <name>ComboField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="401"/>
        <source>— seçin —</source>
        <translation>— choose —</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="103"/>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="109"/>
        <source>Kayıt yükleniyor…</source>
        <translation>Loading the entry…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="105"/>
        <source>Çakışma incelemesi</source>
        <translation>Conflict review</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="123"/>
        <source>&amp;Gerekçe (zorunlu; kararla birlikte denetim izine girer):</source>
        <translation>&amp;Reason (required; recorded in the audit trail with the decision):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="128"/>
        <source>Örneğin: Genel kurul tutanağına göre unvan Genel Müdürlüğün düzelttiği gibi olmalı.</source>
        <translation>For example: according to the general assembly minutes the title should be as corrected by the Directorate General.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="141"/>
        <source>KOOP-BİS&apos;tekini &amp;kabul et (kayıt vazgeçildi olarak saklanır)</source>
        <translation>&amp;Accept the KOOP-BİS version (the entry is kept as abandoned)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="144"/>
        <source>Seçimlerle &amp;birleştir</source>
        <translation>&amp;Merge with my choices</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="146"/>
        <source>Memura &amp;iade et</source>
        <translation>Re&amp;turn to the clerk</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="151"/>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="548"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Çakışma incelemesi — {0}</source>
        <translation type="vanished">Conflict review — {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="231"/>
        <source>son işlem: {0} — {1}, {2}</source>
        <translation>last action: {0} — {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="236"/>
        <source>Siz incelerken bu kayıt için karar verildi; kayıt artık çakışmada değil ({0}), şimdi &apos;{1}&apos; durumunda. Yapacağınız bir şey kalmadı; pencereyi kapatabilirsiniz.</source>
        <translation>This entry was decided while you were reviewing it; it is no longer in conflict ({0}) and is now &apos;{1}&apos;. Nothing is left for you to do; you may close this window.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="241"/>
        <source>Bu çakışma siz incelerken değişti ({0}); gösterilen yeni hâlini inceleyip yeniden karar verin.</source>
        <translation>This conflict changed while you were reviewing it ({0}); review the new state shown and decide again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="138"/>
        <source>Girdiğinizi gön&amp;der (KOOP-BİS&apos;teki değer üzerine yazılır)</source>
        <translation>&amp;Send your entry (overwrites the value in KOOP-BİS)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="148"/>
        <source>&amp;Mevcut kooperatife bağla</source>
        <translation>&amp;Link to the existing cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="230"/>
        <source>eşitleme</source>
        <translation>the sync</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="272"/>
        <source>&amp;Mevcut kooperatife bağla ({0} — bekleyen kayıtlar da bağlanır)</source>
        <translation>&amp;Link to the existing cooperative ({0} — waiting entries are linked too)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="293"/>
        <source>Bu çakışma için daha önce yazdığınız gerekçe geri getirildi; gözden geçirip karar verin.</source>
        <translation>The reason you wrote earlier for this conflict is back; read it over and decide.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="299"/>
        <source>Bu kayıt artık çakışmada değil; karar verilmiş olabilir.</source>
        <translation>This entry is no longer in conflict; it may have been decided already.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="305"/>
        <source>Farkları inceleyin, gerekçeyi yazın ve bir karar düğmesine basın.</source>
        <translation>Review the differences, write the reason and press a decision button.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="319"/>
        <source>Bu işlem için oturum açın.</source>
        <translation>Sign in to do this.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="330"/>
        <source>yeni kuruluş</source>
        <translation>new founding</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="333"/>
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="336"/>
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="337"/>
        <source>Onaylayan</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="338"/>
        <source>Çakışma tarihi</source>
        <translation>Conflict date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="339"/>
        <source>Geçerlilik tarihi</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="394"/>
        <source>Değer düzeyinde gerçek bir çakışma yok: iki taraf farklı şeyleri değiştirmiş.</source>
        <translation>No real conflict at value level: the two sides changed different things.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="397"/>
        <source>Alan alan karşılaştırılacak bir değer yok: bu kayıt KOOP-BİS&apos;te zaten var (aşağıda).</source>
        <translation>There is no value to compare field by field: KOOP-BİS already has this (below).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="400"/>
        <source>«Birleştir» ikisini birlikte korur.</source>
        <translation>«Merge» keeps both together.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="401"/>
        <source>Çakışan alanlar</source>
        <translation>Conflicting fields</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="403"/>
        <source>KOOP-BİS&apos;te başka değişiklikler — çakışma değil (KOOP-BİS&apos;teki hâli korunur)</source>
        <translation>Other changes in KOOP-BİS — not a conflict (the KOOP-BİS version is kept)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="406"/>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="412"/>
        <source>Yok.</source>
        <translation>None.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="409"/>
        <source>Yalnız sizin değişiklikleriniz — çakışma değil</source>
        <translation>Only your changes — not a conflict</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="417"/>
        <source>&lt;b&gt;KOOP-BİS&apos;te zaten kayıtlı:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Already registered in KOOP-BİS:&lt;/b&gt; {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="425"/>
        <source>Çakışan her alan için seçiminiz («Seçimlerle birleştir» için)</source>
        <translation>Your choice for each conflicting field (for «Merge with my choices»)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="468"/>
        <source>Bu çakışmada yerel kaydı yeniden göndermek işe yaramaz (KOOP-BİS aynı cevabı verir); KOOP-BİS&apos;tekini kabul edin ya da memura iade edin.</source>
        <translation>Resending the local entry will not help with this conflict (KOOP-BİS gives the same answer); accept the KOOP-BİS version or return it to the clerk.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="476"/>
        <source>Kayıt olduğu gibi yeniden gönderilir; KOOP-BİS&apos;teki çakışan değerlerin üzerine yazılır (onlar denetim izinde saklanır).</source>
        <translation>The entry is resent as it is and overwrites the conflicting values in KOOP-BİS (those are kept in the audit trail).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="484"/>
        <source>KOOP-BİS&apos;teki kalır; bu kayıt gönderilmez, içeriğiyle &apos;Vazgeçildi&apos; olarak saklanır.</source>
        <translation>The KOOP-BİS version stays; this entry is not sent and is kept with its content as &apos;Abandoned&apos;.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="486"/>
        <source>Bu çakışmada alan alan seçilebilecek bir alan yok.</source>
        <translation>This conflict has no fields to choose field by field.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="493"/>
        <source>Her çakışan alan için yukarıda seçtiğiniz değer alınır; birleştirilen kayıt yeni bir revizyon olarak yeniden gönderilir.</source>
        <translation>For each conflicting field the value you chose above is taken; the merged entry is resent as a new revision.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="502"/>
        <source>Kayıt, gerekçe kutusundaki açıklamayla yazan memura geri gönderilir; hiçbir şey kaybolmaz.</source>
        <translation>The entry is sent back to the clerk who wrote it with the comment in the reason box; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="511"/>
        <source>Kuruluş kaydı gönderilmez (kooperatif KOOP-BİS&apos;te zaten var); bu kuruluşu bekleyen kayıtlar mevcut kooperatife bağlanır ve sırayla gönderilir.</source>
        <translation>The founding entry is not sent (the cooperative already exists in KOOP-BİS); the entries waiting for this founding are linked to the existing cooperative and sent in order.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="537"/>
        <source>Karar gerekçesi yazılmalıdır; denetim izine girer. Gerekçe kutusuna yazın.</source>
        <translation>A reason for the decision is required; it goes into the audit trail. Type it in the reason box.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="572"/>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="645"/>
        <source>KOOP-BİS&apos;teki değerin üzerine yazılsın mı?</source>
        <translation>Overwrite the value in KOOP-BİS?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="574"/>
        <source>KOOP-BİS&apos;te şimdi olan şu değerlerin üzerine girdiğiniz değerler yazılacak:
{0}

KOOP-BİS&apos;teki değerler denetim izinde saklanır.</source>
        <translation>Your values will overwrite these values currently in KOOP-BİS:
{0}

The KOOP-BİS values are kept in the audit trail.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="576"/>
        <source>• (değer düzeyinde çakışma yok)</source>
        <translation>• (no conflict at value level)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="577"/>
        <source>&amp;Üzerine yaz ve gönder</source>
        <translation>&amp;Overwrite and send</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="583"/>
        <source>Yerel kayıt korunuyor…</source>
        <translation>Keeping the local entry…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="597"/>
        <source>Girdiğiniz değişiklikten vazgeçilsin mi?</source>
        <translation>Abandon the change you entered?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="599"/>
        <source>Girdiğiniz şu değişiklikler KOOP-BİS&apos;e gönderilmeyecek:
{0}

Kayıt içeriğiyle birlikte &apos;Vazgeçildi&apos; olarak saklanır.</source>
        <translation>These changes you entered will not be sent to KOOP-BİS:
{0}

The entry is kept with its content as &apos;Abandoned&apos;.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="601"/>
        <source>• bu kaydın tamamı</source>
        <translation>• this whole entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="602"/>
        <source>&amp;KOOP-BİS&apos;tekini kabul et</source>
        <translation>&amp;Accept the KOOP-BİS version</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="608"/>
        <source>KOOP-BİS&apos;teki kabul ediliyor…</source>
        <translation>Accepting the KOOP-BİS version…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="620"/>
        <source>Çakışan her alan için seçim yapın: {0}.</source>
        <translation>Make a choice for each conflicting field: {0}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="632"/>
        <source>«Elle yaz» seçilen alana değer yazın: {0}.</source>
        <translation>Type a value in the field set to «Type by hand»: {0}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="647"/>
        <source>Birleştirilen kayıt KOOP-BİS&apos;te şimdi olan şu değerlerin üzerine yazılacak:
{0}

KOOP-BİS&apos;teki değerler denetim izinde, girdiğiniz kayıt revizyonlarda saklanır.</source>
        <translation>The merged entry will overwrite these values currently in KOOP-BİS:
{0}

The KOOP-BİS values are kept in the audit trail, your entry in its revisions.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="650"/>
        <source>&amp;Birleştir ve gönder</source>
        <translation>&amp;Merge and send</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="657"/>
        <source>Birleştiriliyor…</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="672"/>
        <source>Memura iade ediliyor…</source>
        <translation>Returning to the clerk…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="687"/>
        <source>Mevcut kooperatife bağlansın mı?</source>
        <translation>Link to the existing cooperative?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="689"/>
        <source>Bu kuruluş kaydı KOOP-BİS&apos;e gönderilmeyecek (&apos;Vazgeçildi&apos; olarak saklanır); onu bekleyen {0} kayıt {1} kooperatifine bağlanacak.</source>
        <translation>This founding entry will not be sent to KOOP-BİS (it is kept as &apos;Abandoned&apos;); the {0} entries waiting for it will be linked to cooperative {1}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="692"/>
        <source>&amp;Bağla</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="698"/>
        <source>Bağlanıyor…</source>
        <translation>Linking…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="722"/>
        <source>Kararınız kaydediliyor; bitince pencere kendiliğinden kapanır (ya da neden olmadığı yazılır).</source>
        <translation>Your decision is being stored; the window closes by itself when it is done (or says why it was not).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_dialog.py" line="261"/>
        <source>Çakışma incelemesi {0} — {1}</source>
        <translation>Conflict review {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="41"/>
        <source>Alan</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="42"/>
        <source>Gördüğünüz</source>
        <translation>What you saw</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="43"/>
        <source>Girdiğiniz</source>
        <translation>You entered</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="44"/>
        <source>KOOP-BİS&apos;te şimdi</source>
        <translation>Now in KOOP-BİS</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="45"/>
        <source>Fark</source>
        <translation>Difference</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="101"/>
        <source>yeni kuruluş</source>
        <translation>new founding</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="127"/>
        <source>Çakışmalar</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="130"/>
        <source>KOOP-BİS&apos;in, siz çevrimdışıyken değişen bilgisi yüzünden uygulamadığı kayıtlar. Bir şef her birini açıp alan alan karar verir; iki tarafın bilgisi de saklanır. Açmak için satırı seçip Enter&apos;a basın ya da çift tıklayın.</source>
        <translation>Entries KOOP-BİS did not apply because its data changed while you were offline. A supervisor opens each one and decides field by field; both sides&apos; data are kept. To open one, select the row and press Enter or double-click it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="136"/>
        <source>Yükleniyor…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="142"/>
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="147"/>
        <source>Kayıt türü</source>
        <translation>Entry type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="148"/>
        <source>Türü</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="149"/>
        <source>Çakışan alanlar</source>
        <translation>Conflicting fields</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="150"/>
        <source>Bekliyor</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="151"/>
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="167"/>
        <source>İncele ve karar &amp;ver…</source>
        <translation>Review and &amp;decide…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="210"/>
        <source>{0} kayıt karar bekliyor.</source>
        <translation>{0} entries await a decision.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="212"/>
        <source>Çakışmada kayıt yok.</source>
        <translation>No entries in conflict.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/conflicts.py" line="159"/>
        <source>Çakışma yok. Eşitlemede KOOP-BİS&apos;teki güncel bilgiyle çelişen bir kayıt çıkarsa burada şefin kararını bekler; o zamana kadar yapılacak bir şey yok.</source>
        <translation>No conflicts. If a sync finds an entry that contradicts KOOP-BİS&apos;s current data, it waits here for a supervisor&apos;s decision; until then there is nothing to do.</translation>
    </message>
</context>
<context>
    <name>CooperativePicker</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/picker.py" line="52"/>
        <source>Eşleşen kooperatif yok.</source>
        <translation>No matching cooperative.</translation>
    </message>
</context>
<context>
    <name>CooperativesPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="160"/>
        <source>Unvan, sicil no ya da VKN</source>
        <translation>Title, registry number or VKN</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="162"/>
        <source>&amp;Ara:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="172"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="647"/>
        <source>Sicil no</source>
        <translation>Registry no.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="173"/>
        <source>Unvan</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="174"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="649"/>
        <source>Tür</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="176"/>
        <source>İlçe</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="179"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="654"/>
        <source>VKN</source>
        <translation>VKN</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="180"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="276"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="657"/>
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="221"/>
        <source>Bu kooperatif için &amp;yeni kayıt</source>
        <translation>&amp;New entry for this cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="225"/>
        <source>Seçili kooperatif için yeni kayıt başlatır (Ctrl+Shift+N).</source>
        <translation>Starts a new entry for the selected cooperative (Ctrl+Shift+N).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="231"/>
        <source>TCKN / VKN</source>
        <translation>TCKN / VKN</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="232"/>
        <source>Adı Soyadı / Unvanı</source>
        <translation>Full name / title</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="233"/>
        <source>Pay</source>
        <translation>Shares</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="235"/>
        <source>Giriş tarihi</source>
        <translation>Admission date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="243"/>
        <source>Adı Soyadı</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="244"/>
        <source>T.C. Kimlik No</source>
        <translation>Turkish ID number</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="250"/>
        <source>Görevi</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="246"/>
        <source>Görev süresi</source>
        <translation>Term of office</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="255"/>
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="257"/>
        <source>Türü</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="261"/>
        <source>Hesap yılı</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="265"/>
        <source>Yeri</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="267"/>
        <source>Sonuç</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="275"/>
        <source>Kayıt türü</source>
        <translation>Entry type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="277"/>
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="279"/>
        <source>Geçerlilik</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="284"/>
        <source>Son değişiklik</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="300"/>
        <source>Enter ya da çift tıklama: kaydı inceleme penceresinde açar.</source>
        <translation>Enter or double-click: opens the entry in the review window.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="304"/>
        <source>&amp;Ortaklar</source>
        <translation>&amp;Members</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="305"/>
        <source>Yö&amp;netim kurulu</source>
        <translation>&amp;Board of directors</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="306"/>
        <source>&amp;Denetim kurulu</source>
        <translation>&amp;Audit board</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="307"/>
        <source>&amp;Genel kurullar</source>
        <translation>&amp;General assemblies</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="308"/>
        <source>Ye&amp;rel kayıtlar</source>
        <translation>&amp;Local entries</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="310"/>
        <source>Ayrıntıları görmek için listeden bir kooperatif seçin.</source>
        <translation>Select a cooperative in the list to see its details.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="342"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="446"/>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="462"/>
        <source>Aramak için unvan, sicil no ya da VKN yazın.</source>
        <translation>Type a title, registry number or VKN to search.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="400"/>
        <source>Kooperatif listesi boş: ofis veritabanına KOOP-BİS&apos;in kooperatif listesi henüz yüklenmedi. Kayıt girmek için önce liste yüklenmeli.</source>
        <translation>The cooperative list is empty: KOOP-BİS&apos;s cooperative list has not been loaded into the office database yet. It must be loaded before entries can be recorded.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="505"/>
        <source>Eşleşen kooperatif yok. Unvanın bir kelimesini, sicil no ya da VKN yazın.</source>
        <translation>No matching cooperative. Type a word of the title, the registry number or the VKN.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="571"/>
        <source>Bu kooperatif artık kooperatif listesinde yok.</source>
        <translation>This cooperative is no longer in the cooperative list.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="597"/>
        <source>&amp;Ortaklar ({0})</source>
        <translation>&amp;Members ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="598"/>
        <source>Yö&amp;netim kurulu ({0})</source>
        <translation>&amp;Board of directors ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="599"/>
        <source>&amp;Denetim kurulu ({0})</source>
        <translation>&amp;Audit board ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="600"/>
        <source>&amp;Genel kurullar ({0})</source>
        <translation>&amp;General assemblies ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="601"/>
        <source>Ye&amp;rel kayıtlar ({0})</source>
        <translation>&amp;Local entries ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="652"/>
        <source>İl / İlçe</source>
        <translation>Province / district</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="653"/>
        <source>Adres</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="655"/>
        <source>Ticaret sicil no</source>
        <translation>Trade registry no.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="656"/>
        <source>Kuruluş tarihi</source>
        <translation>Founding date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="355"/>
        <source>Kooperatif listesini &amp;yükle…</source>
        <translation>&amp;Load the cooperative list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="405"/>
        <source>Kooperatif listesi boş: bu bilgisayara KOOP-BİS&apos;in kooperatif listesi henüz yüklenmedi. Kayıt girmek için önce liste yüklenmeli.</source>
        <translation>The cooperative list is empty: KOOP-BİS&apos;s cooperative list has not been loaded on this computer yet. It must be loaded before entries can be recorded.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="412"/>
        <source>KOOP-BİS&apos;ten aldığınız dosyayı (CSV ya da Excel) yükleyin.</source>
        <translation>Load the file you received from KOOP-BİS (CSV or Excel).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/cooperatives.py" line="414"/>
        <source>Listeyi şef ya da yönetici yükler; şefinizden yüklemesini isteyin.</source>
        <translation>A supervisor or administrator loads the list; ask your supervisor to load it.</translation>
    </message>
</context>
<context>
    <name>CopyAction</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/copy_action.py" line="36"/>
        <source>Kopya kaydın kaydedilmiş hâlinden açıldı; bu formdaki kaydedilmemiş değişiklikler kopyada yok, burada duruyor.</source>
        <translation>The copy was made from the entry as saved; the unsaved changes in this form are not in it, they are still here.</translation>
    </message>
</context>
<context>
    <name>DailyListDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="37"/>
        <source>Günlük liste</source>
        <translation>Daily list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="47"/>
        <source>O gün yazılan ya da işlem gören kayıtlar, imza yerleri ve denetim izinin son özetiyle yazdırılır; imzalı nüsha veritabanının sonradan değiştirilmediğini kanıtlar.</source>
        <translation>Prints the entries written or moved on that day, with signature lines and the audit trail&apos;s latest hash; a signed copy proves the database was not changed afterwards.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="53"/>
        <source>&amp;Gün:</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="60"/>
        <source>Ö&amp;nizle</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="61"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>DataActions</name>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="79"/>
        <source>Ortak &amp;listesi yükle…</source>
        <translation>Load a &amp;member list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="85"/>
        <source>Koo&amp;peratif listesini yükle…</source>
        <translation>Load the &amp;cooperative list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="89"/>
        <source>&amp;Dışa aktar (Excel/CSV)…</source>
        <translation>&amp;Export (Excel/CSV)…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="91"/>
        <source>Ekrandaki listeyi, süzgeciyle birlikte dosyaya yazar.</source>
        <translation>Writes the list on screen, with its filter, to a file.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="93"/>
        <source>De&amp;netim izini dışa aktar…</source>
        <translation>Export the au&amp;dit trail…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="96"/>
        <source>&amp;Destek paketi oluştur…</source>
        <translation>Create a &amp;support bundle…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="99"/>
        <source>Yedek &amp;al</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="103"/>
        <source>Kayıtların bir kopyasını yedek klasörüne yazar (program her gün kendisi de bir tane alır).</source>
        <translation>Writes a copy of the records to the backup folder (the program also takes one by itself every day).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="122"/>
        <location filename="../../koopbis_desktop/ui/export.py" line="246"/>
        <location filename="../../koopbis_desktop/ui/export.py" line="258"/>
        <source>%1 yazılıyor…</source>
        <translation>Writing %1…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="126"/>
        <source>Dosya yazılamadı</source>
        <translation>The file could not be written</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="153"/>
        <source>Listeyi dışa aktar</source>
        <translation>Export the list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="155"/>
        <source>Excel dosyası (*.xlsx);;CSV dosyası, noktalı virgüllü (*.csv)</source>
        <translation>Excel file (*.xlsx);;CSV file, semicolon-separated (*.csv)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="183"/>
        <source>Denetim izini dışa aktar</source>
        <translation>Export the audit trail</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="185"/>
        <source>CSV dosyası (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="211"/>
        <location filename="../../koopbis_desktop/ui/export.py" line="235"/>
        <source>Dışa aktarma sürüyor</source>
        <translation>Export in progress</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="212"/>
        <source>%1 henüz yazılıyor. Şimdi çıkarsanız dışa aktarma durur ve dosya yazılmaz.</source>
        <translation>%1 is still being written. If you leave now, the export stops and no file is written.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="216"/>
        <source>Bekle</source>
        <translation>Wait</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="217"/>
        <source>Durdur ve çık</source>
        <translation>Stop and leave</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="219"/>
        <source>Bekle&apos;ye basarsanız dışa aktarma sürer; bitince yeniden çıkabilirsiniz.</source>
        <translation>With Wait the export goes on; you can leave once it has finished.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="237"/>
        <source>%1 henüz yazılıyor. Bitmesini bekleyin ya da ilerleme penceresinde Vazgeç&apos;e basın.</source>
        <translation>%1 is still being written. Wait for it to finish, or press Cancel in the progress window.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="246"/>
        <source>Vazgeç</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="249"/>
        <source>Dışa aktarılıyor</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="293"/>
        <source>%1 yazılıyor: %2 / %3 kayıt</source>
        <translation>Writing %1: %2 / %3 entries</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="303"/>
        <source>Durduruluyor…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="336"/>
        <source>Yedek alınıyor…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="347"/>
        <source>Yedek alındı: %1</source>
        <translation>Backup taken: %1</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="352"/>
        <source>Yedek alınamadı</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="359"/>
        <source>Destek paketi oluştur</source>
        <translation>Create a support bundle</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="361"/>
        <source>Zip dosyası (*.zip)</source>
        <translation>Zip file (*.zip)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/export.py" line="375"/>
        <source>Destek paketi yazıldı: %1 (kişisel veri içermez).</source>
        <translation>Support bundle written: %1 (contains no personal data).</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="230"/>
        <source>GG.AA.YYYY</source>
        <translation>DD.MM.YYYY</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="235"/>
        <source>Takvim…</source>
        <translation>Calendar…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="236"/>
        <source>Takvimden seç (Alt+Aşağı ok)</source>
        <translation>Pick from the calendar (Alt+Down arrow)</translation>
    </message>
</context>
<context>
    <name>EditorLayout</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="41"/>
        <source>Form yükleniyor…</source>
        <translation>Loading the form…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="60"/>
        <source>Kooperatif ara: unvan, sicil no ya da VKN (ör. ışık, 06-…)</source>
        <translation>Search cooperatives: title, registry number or VKN (e.g. ışık, 06-…)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="66"/>
        <source>Koope&amp;ratif *</source>
        <translation>&amp;Cooperative *</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="128"/>
        <source>Ekler (karar ve tutanak taramaları)</source>
        <translation>Attachments (scans of decisions and minutes)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="138"/>
        <source>&amp;Kaydet (Ctrl+S)</source>
        <translation>&amp;Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="140"/>
        <source>&amp;Onaya gönder (Ctrl+Enter)</source>
        <translation>Sub&amp;mit for approval (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="142"/>
        <source>&amp;Geri çek… (Ctrl+Shift+G)</source>
        <translation>&amp;Withdraw… (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="145"/>
        <source>Kaydı geri çeker: KOOP-BİS&apos;e gönderilmez, geçmişte kalır. Önce sorulur.</source>
        <translation>Withdraws the entry: it is not sent to KOOP-BİS and stays in the history. You are asked first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="148"/>
        <source>Yeni kayda ko&amp;pyala… (Ctrl+Shift+K)</source>
        <translation>Co&amp;py to new entry… (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="152"/>
        <source>Bu kaydın alanlarını yeni bir formda açar; kooperatifi ve alanları değiştirip kaydedersiniz. Kaydetmeden kapatırsanız hiçbir şey saklanmaz.</source>
        <translation>Opens this entry&apos;s fields in a new form; change the cooperative and the fields, then save. Closed without saving, nothing is stored.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="157"/>
        <source>Kapat (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="217"/>
        <source>KOOP-BİS&apos;in iade notu</source>
        <translation>KOOP-BİS&apos;s return note</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="220"/>
        <source>Şef iade notu</source>
        <translation>Supervisor&apos;s return note</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="220"/>
        <source>Son iade notu</source>
        <translation>Last return note</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="223"/>
        <source>{0} — {1}, {2}</source>
        <translation>{0} — {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="228"/>
        <source>Yeni kooperatif kuruluşu: sicil numarasını KOOP-BİS verecek.</source>
        <translation>New cooperative founding: KOOP-BİS will assign the registry number.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="234"/>
        <source>kuruluş {0}</source>
        <translation>founding {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="239"/>
        <source>şu anki durum: {0}</source>
        <translation>current state: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="243"/>
        <source>Kooperatif: {0}</source>
        <translation>Cooperative: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="248"/>
        <source>Kooperatif: {0} (çevrimdışı listede bulunamadı)</source>
        <translation>Cooperative: {0} (not found in the offline list)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="251"/>
        <source>Önce kooperatifi seçin.</source>
        <translation>Choose the cooperative first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="254"/>
        <source>Durum: {0}, {1}. sürüm</source>
        <translation>State: {0}, version {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/layout.py" line="256"/>
        <source>Yeni kayıt</source>
        <translation>New entry</translation>
    </message>
</context>
<context>
    <name>EncryptionOffer</name>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="40"/>
        <source>Kurtarma anahtarı</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="42"/>
        <source>Veritabanı şifrelendi. Bütün parolalar unutulursa veritabanını yalnızca bu kurtarma anahtarı açar. Yalnızca şimdi gösterilir: yazın ya da yazdırın ve bilgisayardan ayrı, kilitli bir yerde saklayın.</source>
        <translation>The database is encrypted. If every password is lost, only this recovery key opens the database. It is shown only now: write it down or print it and keep it locked away, apart from the computer.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="58"/>
        <source>Kurtarma anahtarını &amp;yazdım, güvenli bir yerde saklayacağım</source>
        <translation>I have &amp;written down the recovery key and will keep it safe</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="62"/>
        <source>&amp;Kapat</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="93"/>
        <source>Veritabanı şifrelenmemiş</source>
        <translation>The database is not encrypted</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="94"/>
        <source>Bu veritabanı önceki sürümden kalma ve şifrelenmemiş: kaybolan bir bilgisayar ya da yedek, ortakların T.C. kimlik numaralarını ve adlarını açığa çıkarır. Şimdi şifrelensin mi?</source>
        <translation>This database comes from the previous version and is not encrypted: a lost computer or backup reveals the members&apos; T.C. identity numbers and names. Encrypt it now?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="101"/>
        <source>Şimdi şifrele</source>
        <translation>Encrypt now</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="104"/>
        <source>Sonra</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="106"/>
        <source>Önce şifreli bir yedek alınır; dosya yerinde şifrelenir, kayıtlar, sayılar ve denetim izi karşılaştırılır; bir fark olursa hiçbir şey değişmez. Birkaç saniye sürer.</source>
        <translation>An encrypted backup is taken first; the file is encrypted in place and the entries, counts and audit trail are compared; if anything differs, nothing changes. It takes a few seconds.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="119"/>
        <source>Parolanız</source>
        <translation>Your password</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="120"/>
        <source>Şifreleme için parolanızı yeniden yazın:</source>
        <translation>Type your password again to encrypt:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="137"/>
        <source>Veritabanı şifreleniyor…</source>
        <translation>Encrypting the database…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="173"/>
        <source>Bu hesaplar anahtarlarını ilk girişlerinde (program açıkken) ya da parolaları sıfırlanınca alır: {0}</source>
        <translation>These accounts get their key at their first sign-in (while the program is open) or when their password is reset: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/encryption_offer.py" line="183"/>
        <source>Şifrelenemedi</source>
        <translation>Could not encrypt</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="82"/>
        <source>Kayıt formu</source>
        <translation>Entry form</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="166"/>
        <source>{0} — kayıt formu</source>
        <translation>{0} — entry form</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="238"/>
        <source>Otomatik kaydedilmiş form geri yüklendi; kaydetmeyi unutmayın.</source>
        <translation>The autosaved form was restored; remember to save it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="208"/>
        <source>Otomatik kaydedilmiş form geri yüklendi; hangi sürümün üzerine yazıldığı bilinmiyor (eski bir otomatik kayıt). Kaydetmeden önce kaydın son hâline bakın: arada başkası kaydettiyse kaydetmeniz onun sürümünün üzerine yazar.</source>
        <translation>The autosaved form was restored; which revision it was typed on is not known (an old autosave). Look at the entry&apos;s latest state before saving: if someone saved it meanwhile, your save replaces their revision.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="218"/>
        <source>Otomatik kaydedilmiş form geri yüklendi, ama bu kayıt artık düzeltilemez: {0} Yazdıklarınız burada okunabilir; formu kapatırken kopyanın silinip silinmeyeceği sorulur.</source>
        <translation>Autosaved form restored, but this entry can no longer be corrected: {0} What you typed can be read here; when you close the form you will be asked whether to delete the copy.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="257"/>
        <source>Form açılamadı</source>
        <translation>The form could not be opened</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="262"/>
        <source>Bu formun kayıt türünü (&apos;{0}&apos;) bu bilgisayardaki program tanımıyor; programın daha yeni bir sürümüyle yazılmış olabilir. Programı güncelleyin ya da formu o sürümün kurulu olduğu bilgisayarda açın.</source>
        <translation>The program on this PC does not know this form&apos;s change type (&apos;{0}&apos;); it may have been written with a newer version of the program. Update the program, or open the form on a PC that has that version.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="270"/>
        <source>Otomatik kaydedilmiş kopyası silinmedi: bir sonraki girişte yeniden sunulur.</source>
        <translation>Its autosaved copy was not deleted: it is offered again at the next sign-in.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="277"/>
        <source>Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez.</source>
        <translation>Entries are made by clerks and supervisors; the administrator account cannot make entries.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="285"/>
        <source>Salt okunur: {0}</source>
        <translation>Read-only: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="312"/>
        <source>Bu kaydı şu anda {0}, {1} bilgisayarında düzenliyor. İkiniz de kaydederseniz sonra kaydedenin kaydı reddedilir ve farklar gösterilir; yazdıklarınız kaybolmaz.</source>
        <translation>{0} is editing this entry on the PC {1} right now. If you both save, the later save is refused and the differences are shown; nothing you typed is lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="233"/>
        <source>{0} numaralı kaydın kopyası: yeni bir kayıt, henüz saklanmadı. Gerekirse kooperatifi yukarıdaki arama kutusundan, alanları formda değiştirip kaydedin.</source>
        <translation>A copy of entry {0}: a new entry, not stored yet. Change the cooperative in the search box above and the fields in the form as needed, then save.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/editor.py" line="225"/>
        <source>{0} numaralı kaydın kopyası: yeni bir kayıt, henüz saklanmadı. O kaydın kooperatifi {1} numaralı kuruluş kaydıydı; o kayıt geri çekildiği için kopya ona bağlanamaz. Kooperatifi yukarıdaki arama kutusundan seçin, alanları gerekirse değiştirip kaydedin.</source>
        <translation>A copy of entry {0}: a new entry, not stored yet. That entry&apos;s cooperative was registration {1}, which has been withdrawn, so the copy cannot go to it. Choose the cooperative in the search box above, change the fields as needed, then save.</translation>
    </message>
</context>
<context>
    <name>EntryTableModel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="48"/>
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="49"/>
        <source>Tür</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="50"/>
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="51"/>
        <source>Tarih</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="52"/>
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="53"/>
        <source>Son değişiklik</source>
        <translation>Last change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="54"/>
        <source>KOOP-BİS fiş no</source>
        <translation>KOOP-BİS receipt</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="73"/>
        <source>{0} bu kaydı {1} bilgisayarında {2} saatinden beri düzenliyor.</source>
        <translation>{0} has been editing this entry on the PC {1} since {2}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="85"/>
        <source>KOOP-BİS&apos;in iade notu: {0}</source>
        <translation>Returned by KOOP-BİS: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="87"/>
        <source>Şefin iade notu: {0}</source>
        <translation>Supervisor&apos;s return note: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="88"/>
        <source>Son iade notu: {0}</source>
        <translation>Last return note: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="413"/>
        <source>… (kaydırdıkça gelir)</source>
        <translation>… (more as you scroll)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="461"/>
        <source>Kayıtta düzeltilmesi gereken hatalar var.</source>
        <translation>The entry has errors to fix.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="465"/>
        <source>Kayıtta 1163 sayılı Kanun uyarıları var.</source>
        <translation>The entry has Law 1163 warnings.</translation>
    </message>
    <message>
        <source>Şefin notu: {0}</source>
        <translation type="vanished">Supervisor&apos;s note: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/models/entries.py" line="47"/>
        <source>Kayıt no</source>
        <translation>Entry no.</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="266"/>
        <source>Uyarılar ve hatalar:</source>
        <translation>Warnings and errors:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="253"/>
        <source>revizyon {0}</source>
        <translation>revision {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="174"/>
        <source>İş&amp;lem geçmişi</source>
        <translation>Action &amp;history</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="240"/>
        <source>Onaya gönderildi: {0}</source>
        <translation>Submitted for approval: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="92"/>
        <source>Ne değişiyor</source>
        <translation>What changes</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="93"/>
        <source>Önce (KOOP-BİS kaydı)</source>
        <translation>Before (KOOP-BİS record)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="94"/>
        <source>Sonra (bu kayıtla)</source>
        <translation>After (with this entry)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="95"/>
        <source>Değişiklik</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="101"/>
        <source>Bu kayıt KOOP-BİS&apos;teki mevcut bir bilgiyi değiştirmiyor.</source>
        <translation>This entry does not change any existing data in KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="121"/>
        <source>Revizyon</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="122"/>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="234"/>
        <source>Yazan</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="123"/>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="153"/>
        <source>Zaman</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="124"/>
        <source>Not</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="132"/>
        <source>Alan</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="133"/>
        <source>Önceki revizyon</source>
        <translation>Previous revision</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="134"/>
        <source>Bu revizyon</source>
        <translation>This revision</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="154"/>
        <source>Kim</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="155"/>
        <source>İşlem</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="157"/>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="233"/>
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="164"/>
        <source>Açıklama</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="171"/>
        <source>Ön&amp;ce → sonra</source>
        <translation>&amp;Before → after</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="172"/>
        <source>Kayıt i&amp;çeriği</source>
        <translation>Entry co&amp;ntent</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="173"/>
        <source>&amp;Revizyonlar</source>
        <translation>Re&amp;visions</translation>
    </message>
    <message>
        <source>İşlem &amp;geçmişi</source>
        <translation type="vanished">Action &amp;history</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="211"/>
        <source>&amp;Revizyonlar ({0})</source>
        <translation>Re&amp;visions ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="221"/>
        <source>{0} bu kaydı {1} bilgisayarında {2} tarihinden beri açık tutuyor.</source>
        <translation>{0} has had this entry open on the PC {1} since {2}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="229"/>
        <source>yeni kuruluş</source>
        <translation>new founding</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="232"/>
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="236"/>
        <source>Oluşturuldu</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="245"/>
        <source>Geçerlilik tarihi</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="248"/>
        <source>Onaylayan</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="250"/>
        <source>Son iade nedeni</source>
        <translation>Last reason for return</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="325"/>
        <source>Revizyon {0}: ilk yazılan hâli.</source>
        <translation>Revision {0}: as first written.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/entry_view.py" line="329"/>
        <source>Revizyon {0}, revizyon {1} ile karşılaştırılıyor: {2} alan değişti (sarı).</source>
        <translation>Revision {0} compared with revision {1}: {2} fields changed (yellow).</translation>
    </message>
</context>
<context>
    <name>FieldChooser</name>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="109"/>
        <source>Girdiğiniz: {0}</source>
        <translation>You entered: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="111"/>
        <source>KOOP-BİS&apos;teki: {0}</source>
        <translation>In KOOP-BİS: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="125"/>
        <source>Birleştir: iki taraftaki değişiklikler birlikte ({0} satır)</source>
        <translation>Merge: the changes of both sides together ({0} rows)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="133"/>
        <source>Elle yaz:</source>
        <translation>Type by hand:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="148"/>
        <source>{0} — çakışma değil; hiçbir şeyi kaybettirmeyen seçim işaretli</source>
        <translation>{0} — not a conflict; the choice that loses nothing is selected</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/conflict_widgets.py" line="189"/>
        <source>iki taraf birleştirilmiş</source>
        <translation>both sides merged</translation>
    </message>
</context>
<context>
    <name>FirstRunNextSteps</name>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="397"/>
        <source>İlk kurulum — sırada ne var</source>
        <translation>First set-up — what comes next</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="400"/>
        <source>&lt;h3&gt;Veritabanı hazır.&lt;/h3&gt;&lt;p&gt;Kayıt girmeye başlamadan önce iki adım kaldı:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Hesaplar:&lt;/b&gt; kayıt girecek memurları ve onaylayacak şefleri ekleyin (yönetici hesabıyla kayıt girilmez).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Kooperatif listesi:&lt;/b&gt; KOOP-BİS&apos;ten aldığınız kooperatif listesini yükleyin; formlar kooperatifi bu listeden bulur.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Bu adımlara sonra Yönetim menüsünden ve Kooperatifler sayfasından da ulaşabilirsiniz.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;The database is ready.&lt;/h3&gt;&lt;p&gt;Two steps remain before entries can be recorded:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Accounts:&lt;/b&gt; add the clerks who record entries and the supervisors who approve them (the administrator account records no entries).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Cooperative list:&lt;/b&gt; load the cooperative list you received from KOOP-BİS; forms find the cooperative in it.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Both steps are also available later from the Administration menu and the Cooperatives page.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="410"/>
        <source>Memur ve şef &amp;hesaplarını ekle…</source>
        <translation>Add clerk and supervisor &amp;accounts…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="413"/>
        <source>Kooperatif &amp;listesini yükle…</source>
        <translation>Load the cooperative &amp;list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="416"/>
        <source>&amp;Bitir</source>
        <translation>&amp;Finish</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="230"/>
        <source>&lt;h3&gt;Kurtarma anahtarı&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Recovery key&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="234"/>
        <source>Veritabanı şifrelendi; her hesap kendi parolasıyla açar. Bütün parolalar unutulursa veritabanını yalnızca aşağıdaki kurtarma anahtarı açar. Bu anahtar yalnızca şimdi gösterilir: yazın ya da yazdırın ve bilgisayardan ayrı, kilitli bir yerde saklayın.</source>
        <translation>The database is encrypted; each account opens it with its own password. If every password is lost, only the recovery key below opens the database. It is shown only now: write it down or print it and keep it locked away, apart from the computer.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="248"/>
        <source>Kurtarma anahtarını &amp;yazdım, güvenli bir yerde saklayacağım</source>
        <translation>I have &amp;written down the recovery key and will keep it safe</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="251"/>
        <source>&amp;Bitir</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="71"/>
        <source>KOOP-BİS Masaüstü — ilk kurulum</source>
        <translation>KOOP-BİS Desktop — first set-up</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="75"/>
        <source>Bu bilgisayarda henüz KOOP-BİS Masaüstü veritabanı yok. İlinizi seçin ve ilk yönetici hesabını oluşturun. Elinizde il müdürlüğünün kooperatif dökümü (Excel, LibreOffice ya da CSV) varsa şimdi içe aktarabilirsiniz; sonra da aktarılabilir.</source>
        <translation>This computer has no KOOP-BİS Desktop database yet. Choose your province and create the first administrator account. If you have the provincial directorate&apos;s cooperative list (Excel, LibreOffice or CSV) you can import it now; it can also be imported later.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="83"/>
        <source>il adı ya da plaka kodu yazın</source>
        <translation>type a province name or plate code</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="94"/>
        <source>isteğe bağlı: kooperatifler.csv ya da .xlsx</source>
        <translation>optional: cooperatives.csv or .xlsx</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="95"/>
        <source>&amp;Seç…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="107"/>
        <source>İl &amp;ara:</source>
        <translation>&amp;Search province:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="108"/>
        <source>İ&amp;l:</source>
        <translation>Pro&amp;vince:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="109"/>
        <source>Yönetici &amp;kullanıcı adı:</source>
        <translation>Administrator &amp;username:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="110"/>
        <source>&amp;Ad soyad:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="111"/>
        <source>&amp;Parola (iki kez):</source>
        <translation>&amp;Password (twice):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="113"/>
        <source>Kooperatif &amp;dökümü:</source>
        <translation>Cooperative &amp;list:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="121"/>
        <source>Veritabanını &amp;oluştur</source>
        <translation>&amp;Create database</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="122"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="155"/>
        <source>Bu bilgisayar &amp;tek başına</source>
        <translation>This PC &amp;alone</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="158"/>
        <source>Veritabanı bu bilgisayarda, şifreli bir dosyada durur; kurulacak bir şey yoktur.</source>
        <translation>The database stays on this PC in an encrypted file; nothing to install.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="160"/>
        <source>Ofis veritabanına &amp;bağlan</source>
        <translation>Connect to the o&amp;ffice database</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="163"/>
        <source>Ofisteki bütün bilgisayarlar BT sorumlusunun kurduğu tek bir veritabanını paylaşır.</source>
        <translation>All PCs of the office share one database set up by the office&apos;s IT.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="170"/>
        <source>&lt;b&gt;Kayıtlar nerede tutulacak?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Where are the records kept?&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="207"/>
        <source>Ofis veritabanında henüz il ve yönetici hesabı yok: bu ofisin ilini seçin ve ilk yönetici hesabını oluşturun. Öteki bilgisayarlar aynı veritabanına bağlanıp bu hesaplarla girer.</source>
        <translation>The office database has no province and no administrator yet: choose this office&apos;s province and create the first administrator account. The other PCs connect to the same database and sign in with these accounts.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="286"/>
        <source>Kooperatif dökümü</source>
        <translation>Cooperative list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="288"/>
        <source>Tablolar (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Tüm dosyalar (*)</source>
        <translation>Tables (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="310"/>
        <source>Listeden ilinizi seçin.</source>
        <translation>Choose your province from the list.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="302"/>
        <source>Yönetici kullanıcı adını yazın.</source>
        <translation>Type the administrator&apos;s username.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="316"/>
        <source>Döküm dosyası bulunamadı: {0}</source>
        <translation>List file not found: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="320"/>
        <source>Veritabanı hazırlanıyor…</source>
        <translation>Preparing the database…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/wizard.py" line="271"/>
        <source>— ilinizi yazarak seçin —</source>
        <translation>— type to choose your province —</translation>
    </message>
</context>
<context>
    <name>GroupField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="134"/>
        <source>Satır ekle (Insert)</source>
        <translation>Add row (Insert)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="136"/>
        <source>Satırı sil (Ctrl+Delete)</source>
        <translation>Delete row (Ctrl+Delete)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="358"/>
        <source>Şu anki satırlarla aynı ({0} satır): değişeni düzenleyin, çıkanı silin, yeniyi ekleyin.</source>
        <translation>Same as the current rows ({0} rows): edit what changed, delete who left, add who joined.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="363"/>
        <source>{0} satır değişti (✎)</source>
        <translation>{0} rows changed (✎)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="365"/>
        <source>{0} yeni (+)</source>
        <translation>{0} new (+)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="368"/>
        <source>{0} çıkarıldı: {1}</source>
        <translation>{0} removed: {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="369"/>
        <source>Şu ankine göre: {0}.</source>
        <translation>Compared with the current rows: {0}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/group_table.py" line="413"/>
        <source>{0} Satır {1}, {2}: {3}</source>
        <translation>{0} Row {1}, {2}: {3}</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="51"/>
        <source>Kelime yazın (Türkçe harfsiz de olur)</source>
        <translation>Type a word (Turkish letters optional)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="53"/>
        <source>&amp;Ara:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="57"/>
        <source>Bu kelimeler kılavuzda geçmiyor.</source>
        <translation>These words are not in the guide.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="67"/>
        <source>◀ &amp;Geri</source>
        <translation>◀ &amp;Back</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="68"/>
        <source>Önceki bölüme döner (Alt+Sol ok).</source>
        <translation>Goes back to the previous section (Alt+Left).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="70"/>
        <source>Kılavuzu &amp;yazdır…</source>
        <translation>&amp;Print the guide…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="71"/>
        <source>Kılavuzun tamamını A4 PDF olarak kaydeder.</source>
        <translation>Saves the whole guide as an A4 PDF.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help_window.py" line="72"/>
        <source>&amp;Kapat</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>LineField</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="113"/>
        <source>11 haneli T.C. Kimlik No</source>
        <translation>11-digit Turkish ID number (TCKN)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="114"/>
        <source>10 haneli Vergi Kimlik No</source>
        <translation>10-digit tax number (VKN)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="115"/>
        <source>T.C. Kimlik No (11) ya da VKN (10)</source>
        <translation>Turkish ID number (11) or tax number (10)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="116"/>
        <source>16 haneli MERSİS No</source>
        <translation>16-digit MERSİS number</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="117"/>
        <source>ör. 0312 555 12 34</source>
        <translation>e.g. 0312 555 12 34</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="118"/>
        <source>ör. 1.250,50</source>
        <translation>e.g. 1.250,50</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/fields.py" line="119"/>
        <source>tam sayı</source>
        <translation>whole number</translation>
    </message>
</context>
<context>
    <name>LiveEntry</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="196"/>
        <source>{0} bu kaydı {1} yeniden kaydetti ({2}. sürüm).</source>
        <translation>{0} saved this entry again on {1} (revision {2}).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="198"/>
        <source>{0} kaydı {1} size iade etti.</source>
        <translation>{0} returned the entry to you on {1}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="200"/>
        <source>değişiklik</source>
        <translation>change</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="201"/>
        <source>Bu kayıt siz açıkken değişti: {0} — {1}, {2}.</source>
        <translation>This entry changed while you had it open: {0} — {1}, {2}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="202"/>
        <source>Kayıt şimdi &apos;{0}&apos; durumunda, {1}. sürüm.</source>
        <translation>The entry is now &apos;{0}&apos;, revision {1}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="211"/>
        <source>Bu formda artık kaydedilemez. Düzeltmenin kayda girmesi için şefinizden kaydı size iade etmesini isteyin.</source>
        <translation>This form can no longer be saved. To get your correction into the entry, ask your supervisor to return it to you.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="216"/>
        <source>Bu formda artık kaydedilemez; bu kayıt artık değiştirilemez. Gerekiyorsa şefinize danışın.</source>
        <translation>This form can no longer be saved; this entry cannot be changed any more. Ask your supervisor if needed.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="220"/>
        <source>Yazdıklarınız formda ve otomatik yedekte duruyor; kaybolmadı, yeniden yazmanız gerekmez.</source>
        <translation>What you typed is still in the form and in the autosave; nothing is lost and nothing needs retyping.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="222"/>
        <source>Kayıttaki değer → sizin yazdığınız (kaydedilmedi):</source>
        <translation>Value in the entry → what you typed (not saved):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="225"/>
        <source>Kaydedilen sürüm sizin yazdıklarınızla aynı değerleri taşıyor; kaybolan bir şey yok.</source>
        <translation>The saved revision holds the same values as what you typed; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="230"/>
        <source>Yazdıklarınız formda ve otomatik yedekte duruyor. Farklara bakın: Kaydet&apos;e basarsanız yazdıklarınız {0}. sürümün üzerine kaydedilir; onun değerini isterseniz o alanı düzeltin.</source>
        <translation>What you typed is still in the form and in the autosave. Look at the differences: if you press Save, what you typed is saved over revision {0}; to keep its value instead, correct that field.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="233"/>
        <source>Kaydedilen sürüm → sizin yazdığınız:</source>
        <translation>Saved revision → what you typed:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="235"/>
        <source>Formda bu yeni sürüm gösteriliyor; sizin yazıp kaybettiğiniz bir şey yok.</source>
        <translation>The form now shows this new revision; nothing you typed was lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="238"/>
        <source>Kayıt yeniden düzenlenebilir: düzeltip kaydedin ya da onaya gönderin.</source>
        <translation>The entry can be edited again: correct it and save it or send it for approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="240"/>
        <source>İade notu yukarıda; kaydı düzeltip yeniden onaya gönderebilirsiniz.</source>
        <translation>The return note is shown above; correct the entry and send it for approval again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/live.py" line="246"/>
        <source>… ve {0} alan daha.</source>
        <translation>… and {0} more fields.</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="129"/>
        <source>Ekran kilitli</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="140"/>
        <source>{0} adlı hesap, siz oturumdayken bir yönetici tarafından kapatıldı; bundan sonraki işlemleriniz yapılmaz. Açık formlarınız olduğu gibi duruyor: yöneticiniz hesabı yeniden açarsa parolanızla devam edebilirsiniz. Yoksa oturumu kapatın.</source>
        <translation>The account of {0} was closed by an administrator while you were signed in; nothing more you do will be carried out. Your open forms are kept as they were: if your administrator opens the account again, your password lets you continue. Otherwise sign out.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="146"/>
        <source>{0} için ekran, uzun süre işlem yapılmadığı için kilitlendi. Açık formlarınız olduğu gibi duruyor; devam etmek için parolanızı yazın. Başka bir kullanıcıysanız önce bu oturumu kapatın.</source>
        <translation>The screen of {0} was locked after a period without activity. Your open forms are kept as they were; type your password to continue. If you are another user, sign this session out first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="154"/>
        <source>&amp;Kilidi aç</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/idle.py" line="156"/>
        <source>Oturumu &amp;kapat</source>
        <translation>Sign &amp;out</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="91"/>
        <source>KOOP-BİS Masaüstü — Giriş</source>
        <translation>KOOP-BİS Desktop — Sign in</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="95"/>
        <source>&lt;h2&gt;KOOP-BİS Masaüstü&lt;/h2&gt;Kooperatif değişiklik kayıtları — çevrimdışı</source>
        <translation>&lt;h2&gt;KOOP-BİS Desktop&lt;/h2&gt;Cooperative change records — offline</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="116"/>
        <source>&amp;Kullanıcı adı:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="117"/>
        <source>&amp;Parola:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="122"/>
        <source>&amp;Giriş</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="125"/>
        <source>Ç&amp;ıkış</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="170"/>
        <source>Kullanıcı adınızı yazın.</source>
        <translation>Type your username.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="174"/>
        <source>Parolanızı yazın.</source>
        <translation>Type your password.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/login.py" line="178"/>
        <source>Parola denetleniyor…</source>
        <translation>Checking the password…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="133"/>
        <source>KOOP-BİS Masaüstü</source>
        <translation>KOOP-BİS Desktop</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="260"/>
        <source>Yeni kayıt</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="271"/>
        <source>Kooperatifler</source>
        <translation>Cooperatives</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="273"/>
        <source>Denetim izi</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="332"/>
        <source>Kooperatif arama bu sürümde açılamıyor. Bilgi işleme bildirin.</source>
        <translation>Cooperative lookup cannot open in this version. Tell IT support.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="351"/>
        <source>&amp;Dosya</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="352"/>
        <source>&amp;Yeni kayıt</source>
        <translation>&amp;New entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="356"/>
        <source>Ekranı &amp;kilitle</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="360"/>
        <source>&amp;Oturumu kapat</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="369"/>
        <source>Çı&amp;kış</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="374"/>
        <source>&amp;Git</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="383"/>
        <source>&amp;Yenile</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="391"/>
        <source>&amp;Yönetim</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="392"/>
        <source>&amp;Ayarlar…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="396"/>
        <source>&amp;Kullanıcılar…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="400"/>
        <source>Yardı&amp;m</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="401"/>
        <source>&amp;Hakkında</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="480"/>
        <source>Karar bekleyen: {0}</source>
        <translation>Awaiting a decision: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="483"/>
        <source>Ofisteki kayıtlar (bütün bilgisayarlar) — {0}</source>
        <translation>Office entries (all PCs) — {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="493"/>
        <source>KOOP-BİS&apos;in açılış tarihi geçti; ondan henüz yanıt alınmadı. Kayıtlarınız ofis veritabanında güvenle saklanıyor; onaylananlar KOOP-BİS yanıt verince sırayla aktarılacak.</source>
        <translation>KOOP-BİS&apos;s opening day has passed; it has not answered yet. Your entries are kept safely in the office database; the approved ones will be sent in order when KOOP-BİS answers.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="498"/>
        <source>KOOP-BİS&apos;in açılış tarihi geçti; ondan henüz yanıt alınmadı. Kayıtlarınız bu bilgisayarda güvenle saklanıyor; onaylananlar KOOP-BİS yanıt verince sırayla aktarılacak.</source>
        <translation>KOOP-BİS&apos;s opening day has passed; it has not answered yet. Your entries are kept safely on this computer; the approved ones will be sent in order when KOOP-BİS answers.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="504"/>
        <source>KOOP-BİS bakımda. Kayıtlarınız ofis veritabanında güvenle saklanıyor ve onaylandıktan sonra {0} KOOP-BİS açılınca sırayla aktarılacak.</source>
        <translation>KOOP-BİS is in maintenance. Your entries are kept safely in the office database and, once approved, will be sent in order when KOOP-BİS opens ({0}).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="509"/>
        <source>KOOP-BİS bakımda. Kayıtlarınız bu bilgisayarda güvenle saklanıyor ve onaylandıktan sonra {0} KOOP-BİS açılınca sırayla aktarılacak.</source>
        <translation>KOOP-BİS is in maintenance. Your entries are kept safely on this computer and, once approved, will be sent in order when KOOP-BİS opens ({0}).</translation>
    </message>
    <message>
        <source>KOOP-BİS açılışına {0} gün</source>
        <translation type="vanished">{0} days until KOOP-BİS opens</translation>
    </message>
    <message>
        <source>Eşitleme: KOOP-BİS açılışı bekleniyor ({0})</source>
        <translation type="vanished">Sync: waiting for KOOP-BİS to open ({0})</translation>
    </message>
    <message>
        <source>Eşitleme henüz yapılmadı</source>
        <translation type="vanished">Not synced yet</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="460"/>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="485"/>
        <source>Yerel kayıtlar — {0}</source>
        <translation>Local entries — {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="563"/>
        <source>{0}, {1} numaralı kaydınızı iade etti: «{2}» Düzeltmek için Taslaklarım&apos;da açın.</source>
        <translation>{0} returned your entry {1}: «{2}» Open it in My drafts to correct it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="567"/>
        <source>{0} kaydınız iade edildi; sonuncusu {1}, {2} numaralı kayıt: «{3}» Notlar Taslaklarım&apos;da.</source>
        <translation>{0} of your entries were returned; the last by {1}, entry {2}: «{3}» The notes are in My drafts.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="570"/>
        <source>Kaydınız iade edildi</source>
        <translation>Your entry was returned</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="610"/>
        <source>Hata</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>KOOP-BİS Masaüstü hakkında</source>
        <translation type="vanished">About KOOP-BİS Desktop</translation>
    </message>
    <message>
        <source>KOOP-BİS Masaüstü {0}

KOOP-BİS bakımdayken kooperatif değişikliklerini çevrimdışı kaydetmek, onaylamak ve açılışta KOOP-BİS&apos;e aktarmak için.</source>
        <translation type="vanished">KOOP-BİS Desktop {0}

Records and approves cooperative changes offline while KOOP-BİS is in maintenance, and sends them to KOOP-BİS when it opens.</translation>
    </message>
</context>
<context>
    <name>ManualAssistant</name>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="117"/>
        <source>KOOP-BİS&apos;e elle aktarım</source>
        <translation>Manual transfer to KOOP-BİS</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="120"/>
        <source>Liste yükleniyor…</source>
        <translation>Loading the list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="133"/>
        <source>KOOP-BİS formuna girilecek bilgiler</source>
        <translation>Data to enter in the KOOP-BİS form</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="141"/>
        <source>&amp;Tümünü kopyala</source>
        <translation>Copy &amp;all</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="153"/>
        <source>Ekin kopyasını &amp;kaydet…</source>
        <translation>&amp;Save a copy of the attachment…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="156"/>
        <source>KOOP-BİS&apos;e yüklenecek ekler</source>
        <translation>Attachments to upload to KOOP-BİS</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="163"/>
        <source>KOOP-BİS&apos;in gösterdiği alındı numarası</source>
        <translation>The receipt number KOOP-BİS shows</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="167"/>
        <source>ör. 06-123456</source>
        <translation>e.g. 06-123456</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="171"/>
        <source>Atlarken isteğe bağlı; sorun bildirirken zorunlu</source>
        <translation>Optional when skipping; required when reporting a problem</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="173"/>
        <source>&amp;Alındı no:</source>
        <translation>&amp;Receipt no.:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="176"/>
        <source>KOOP-BİS &amp;sicil no (yeni kuruluş):</source>
        <translation>KOOP-BİS &amp;registry no. (new founding):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="179"/>
        <source>N&amp;ot:</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="183"/>
        <source>KOOP-BİS&apos;e &amp;girildi</source>
        <translation>&amp;Entered in KOOP-BİS</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="185"/>
        <source>Şimdilik a&amp;tla</source>
        <translation>S&amp;kip for now</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="187"/>
        <source>Sorun &amp;var</source>
        <translation>&amp;Problem</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="189"/>
        <source>Listeyi &amp;yazdır…</source>
        <translation>&amp;Print the list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="191"/>
        <source>&amp;Kapat</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="213"/>
        <source>Sıra</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="214"/>
        <source>Tür</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="215"/>
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="216"/>
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="217"/>
        <source>Neden bekliyor / not</source>
        <translation>Why it waits / note</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="282"/>
        <source>Elle aktarım, otomatik eşitleme bitince yapılabilir; pencereyi kapatıp yeniden açın.</source>
        <translation>Manual transfer is possible once the automatic sync has finished; close the window and open it again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="325"/>
        <source>KOOP-BİS&apos;e girilecek kayıt kalmadı.</source>
        <translation>No entries left to enter in KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="327"/>
        <source>Şimdi girilebilecek kayıt yok; {0} kayıt bekliyor (nedenleri aşağıda).</source>
        <translation>No entry can be entered now; {0} entries are waiting (reasons below).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="331"/>
        <source>Elle aktarım tamam.</source>
        <translation>Manual transfer complete.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="344"/>
        <source>Kalan {0} kayıt; {1} tanesi şimdi girilebilir. Bu kayıt sırada {2}.</source>
        <translation>{0} entries left; {1} can be entered now. This entry is number {2} in line.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="355"/>
        <source>Sorun bildirildi</source>
        <translation>Problem reported</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="357"/>
        <source>Daha önce atlandı</source>
        <translation>Skipped before</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="369"/>
        <source>Bu kaydın eki yok.</source>
        <translation>This entry has no attachments.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="394"/>
        <source>Kopyala</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="397"/>
        <source>Değeri panoya kopyalar (alanda Ctrl+C de kopyalar).</source>
        <translation>Copies the value to the clipboard (Ctrl+C in the field copies too).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="408"/>
        <source>Panoya kopyalandı: {0}</source>
        <translation>Copied to the clipboard: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="414"/>
        <source>{0} alan panoya kopyalandı (her satırda ad ve değer, sekmeyle ayrılmış).</source>
        <translation>{0} fields copied to the clipboard (name and value on each line, separated by a tab).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="428"/>
        <source>Ekin kopyasını kaydet</source>
        <translation>Save a copy of the attachment</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="442"/>
        <source>Kaydedildi: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="461"/>
        <source>KOOP-BİS&apos;in verdiği alındı numarasını yazın; numara olmadan kayıt aktarılmış sayılmaz.</source>
        <translation>Type the receipt number KOOP-BİS gave; without it the entry does not count as transferred.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="471"/>
        <source>Kuruluş kaydı için KOOP-BİS&apos;in yeni kooperatife verdiği sicil numarasını da yazın.</source>
        <translation>For a founding entry, also type the registry number KOOP-BİS gave the new cooperative.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="479"/>
        <source>Kaydediliyor…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="485"/>
        <source>Aktarıldı: alındı no {0}.</source>
        <translation>Transferred: receipt no. {0}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="498"/>
        <source>Atlanıyor…</source>
        <translation>Skipping…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="501"/>
        <source>Atlandı; diğerlerinden sonra yeniden gelecek.</source>
        <translation>Skipped; it comes back after the others.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="513"/>
        <source>Sorunu Not kutusuna kısaca yazın (ör. KOOP-BİS formu hata verdi); not denetim izine girer.</source>
        <translation>Describe the problem briefly in the Note box (e.g. the KOOP-BİS form gave an error); the note goes into the audit trail.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="522"/>
        <source>Sorun kaydediliyor…</source>
        <translation>Recording the problem…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="525"/>
        <source>Sorun kaydedildi; kayıt onaylı kaldı.</source>
        <translation>Problem recorded; the entry stays approved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/manual_assistant.py" line="351"/>
        <source>Kayıt no {0} · teknik kimlik {1}</source>
        <translation>Entry no. {0} · technical id {1}</translation>
    </message>
</context>
<context>
    <name>MemberImportDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="160"/>
        <source>satırlarda yoksa, ör. 2015/14</source>
        <translation>if the rows lack it, e.g. 2015/14</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="163"/>
        <source>GG.AA.YYYY; satırlarda yoksa</source>
        <translation>DD.MM.YYYY; if the rows lack it</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="166"/>
        <source>taahhüt = pay adedi × pay tutarı</source>
        <translation>subscribed = shares × share value</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="169"/>
        <source>Karar n&amp;o:</source>
        <translation>Decision n&amp;o.:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="170"/>
        <source>Kara&amp;r tarihi:</source>
        <translation>Decision &amp;date:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="171"/>
        <source>&amp;Pay tutarı:</source>
        <translation>Share &amp;value:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="194"/>
        <source>Bütün liste için:</source>
        <translation>For the whole list:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="148"/>
        <source>Ortak listesi yükle</source>
        <translation>Load a member list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="152"/>
        <source>Sicil no, ör. 06-000123</source>
        <translation>Registry no., e.g. 06-000123</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="154"/>
        <source>Başlıklardan anlaşılsın</source>
        <translation>Detect from the headers</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="155"/>
        <source>Ortaklığa giriş</source>
        <translation>Member admission</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="156"/>
        <source>Ortaklıktan ayrılma</source>
        <translation>Member leaving</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="180"/>
        <source>Excel (.xlsx, .xls), LibreOffice (.ods) ya da CSV dosyası seçin</source>
        <translation>Choose an Excel (.xlsx, .xls), LibreOffice (.ods) or CSV file</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="182"/>
        <source>&amp;Dosya seç…</source>
        <translation>Choose &amp;file…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="183"/>
        <source>&amp;Yeniden denetle</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="184"/>
        <source>Dosyayı Excel&apos;de düzelttikten sonra yeniden okuyup denetler.</source>
        <translation>Reads and checks the file again after you corrected it in Excel.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="192"/>
        <source>&amp;Kooperatif (sicil no):</source>
        <translation>&amp;Cooperative (registry no.):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="193"/>
        <source>Liste &amp;türü:</source>
        <translation>List &amp;type:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="195"/>
        <source>Dosya:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="202"/>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="435"/>
        <source>%v satır okundu</source>
        <translation>%v rows read</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="207"/>
        <source>Şablondaki başlıkları kullanın: T.C. Kimlik No / VKN, Adı Soyadı / Unvanı, Giriş Tarihi, Karar No, Pay Adedi, Taahhüt Edilen Tutar, Ödenen Tutar.</source>
        <translation>Use the template&apos;s headers: T.C. Kimlik No / VKN, Adı Soyadı / Unvanı, Giriş Tarihi, Karar No, Pay Adedi, Taahhüt Edilen Tutar, Ödenen Tutar.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="227"/>
        <source>Yalnızca &amp;hatalı satırları göster</source>
        <translation>Show only rows with &amp;errors</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="229"/>
        <source>Hatalı satırları &amp;atla (yalnızca geçerli satırlar kuyruğa girer)</source>
        <translation>&amp;Skip rows with errors (only valid rows join the queue)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="232"/>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="511"/>
        <source>Geçerli satırları &amp;içe aktar</source>
        <translation>&amp;Import the valid rows</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="235"/>
        <source>Şablonu i&amp;ndir…</source>
        <translation>Do&amp;wnload the template…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="236"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="284"/>
        <source>Ortak listesi seçin</source>
        <translation>Choose a member list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="286"/>
        <source>Ortak listeleri (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Tüm dosyalar (*)</source>
        <translation>Member lists (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="347"/>
        <source>Dosya %1 olarak okundu.</source>
        <translation>The file was read as %1.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="295"/>
        <source>Önce listenin kooperatifini yazın (sicil no).</source>
        <translation>First type the list&apos;s cooperative (registry no.).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="311"/>
        <source>%1 okunuyor…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="349"/>
        <source>Tanınmayan sütunlar alınmadı: %1.</source>
        <translation>Unrecognised columns were left out: %1.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="354"/>
        <source>Hatalı satırları dosyada düzeltip &apos;Yeniden denetle&apos;ye basın ya da &apos;Hatalı satırları atla&apos;yı seçin.</source>
        <translation>Correct the rows with errors in the file and press &apos;Check again&apos;, or choose &apos;Skip rows with errors&apos;.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="369"/>
        <source>Tablo dosyanın önceki denetimini gösteriyor; dosya okunabilene kadar yükleme kapalı. Dosyayı kaydedip &apos;Yeniden denetle&apos;ye basın.</source>
        <translation>The table shows the file&apos;s previous check; importing is off until the file can be read. Save the file and press &apos;Check again&apos;.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="382"/>
        <source>Satır %1: %2</source>
        <translation>Row %1: %2</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="398"/>
        <source>%v kayıt oluşturuldu</source>
        <translation>%v entries created</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="417"/>
        <source>İçe aktarma durduruluyor…</source>
        <translation>Stopping the import…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="448"/>
        <source>Şablonu kaydet</source>
        <translation>Save the template</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="450"/>
        <source>Excel dosyası (*.xlsx);;CSV dosyası (*.csv)</source>
        <translation>Excel file (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="465"/>
        <source>Şablon kaydedilemedi</source>
        <translation>The template could not be saved</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="466"/>
        <source>Şablon kaydedilemedi: %1</source>
        <translation>The template could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="469"/>
        <source>Şablon kaydedildi: %1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="497"/>
        <source>Önce bir dosya seçin.</source>
        <translation>Choose a file first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="499"/>
        <source>Dosyada geçerli satır yok.</source>
        <translation>The file has no valid rows.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="502"/>
        <source>%1 satırda hata var: düzeltin ya da &apos;Hatalı satırları atla&apos;yı seçin.</source>
        <translation>%1 rows have errors: correct them or choose &apos;Skip rows with errors&apos;.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="507"/>
        <source>%1 taslak kayıt oluşturulur.</source>
        <translation>%1 draft entries will be created.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="509"/>
        <source>%1 geçerli satırı &amp;içe aktar</source>
        <translation>&amp;Import %1 valid rows</translation>
    </message>
</context>
<context>
    <name>NewEntryPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="177"/>
        <source>Yeni kayıt</source>
        <translation>New entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="181"/>
        <source>Kaydetmek istediğiniz değişikliğin türünü seçip Enter&apos;a basın. Form açılınca kooperatifi unvanı, sicil no ya da VKN ile bulabilirsiniz.</source>
        <translation>Choose the kind of change to record and press Enter. In the form, find the cooperative by title, registry number or tax number.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="168"/>
        <source>Kooperatif seçimini &amp;kaldır</source>
        <translation>&amp;Clear the cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="193"/>
        <source>Kooperatif: {0}</source>
        <translation>Cooperative: {0}</translation>
    </message>
</context>
<context>
    <name>OfficeConnect</name>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="238"/>
        <source>Ofis veritabanının ({0}) parolası. Program hesabınızın parolası değil: ofisin BT sorumlusu verir. Bu bilgisayarın güvenli parola deposunda saklanır.</source>
        <translation>The password of the office database ({0}). Not your program account&apos;s password: the office&apos;s IT gives it. It is kept in this PC&apos;s secure password store.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="247"/>
        <source>Ofis veritabanı parolası</source>
        <translation>Office database password</translation>
    </message>
</context>
<context>
    <name>OfficeConnectPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="101"/>
        <source>Ofisinizde birden çok bilgisayar aynı kayıtlarla çalışıyorsa hepsi ofisin sunucusundaki tek bir veritabanına bağlanır. Ofisin BT sorumlusundan aldığınız bilgileri yazın ve bağlantıyı deneyin. Veritabanı parolası bu bilgisayarın güvenli parola deposunda saklanır, hiçbir dosyaya yazılmaz.</source>
        <translation>When several PCs of your office work on the same records, they all connect to one database on the office&apos;s server. Type what the office&apos;s IT gave you and try the connection. The database password is kept in this PC&apos;s secure password store and written to no file.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="110"/>
        <source>ör. sunucu.il.gov.tr ya da 10.0.0.5</source>
        <translation>e.g. server.province.gov.tr or 10.0.0.5</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="123"/>
        <source>boş: bu bilgisayarda saklı parola</source>
        <translation>empty: the password kept on this PC</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="131"/>
        <source>&amp;Sunucu:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="132"/>
        <source>&amp;Kapı (port):</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="133"/>
        <source>V&amp;eritabanı:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="134"/>
        <source>K&amp;ullanıcı:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="135"/>
        <source>&amp;Parola:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="139"/>
        <source>Bağlantıyı &amp;dene</source>
        <translation>&amp;Test the connection</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="142"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="172"/>
        <source>Sunucunun adını ya da IP adresini yazın.</source>
        <translation>Type the server&apos;s name or IP address.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="174"/>
        <source>Veritabanının adını yazın.</source>
        <translation>Type the database&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="176"/>
        <source>Veritabanı kullanıcısının adını yazın.</source>
        <translation>Type the database user&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="199"/>
        <source>{0} adresine bağlanılıyor… (en çok birkaç saniye)</source>
        <translation>Connecting to {0}… (a few seconds at most)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="214"/>
        <source>Bağlantı kuruldu: {0} ilinin ofis veritabanı, {1} hesap.</source>
        <translation>Connected: the office database of province {0}, {1} accounts.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/office_connect.py" line="218"/>
        <source>Bağlantı kuruldu. Ofis veritabanında henüz il ve yönetici hesabı yok.</source>
        <translation>Connected. The office database has no province and no administrator account yet.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync_parts.py" line="65"/>
        <source>KOOP-BİS parolası</source>
        <translation>KOOP-BİS password</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync_parts.py" line="68"/>
        <source>Parolayı bu bilgisayarın güvenli parola deposuna &amp;kaydet</source>
        <translation>&amp;Save the password in this computer&apos;s secure password store</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync_parts.py" line="70"/>
        <source>KOOP-BİS kullanıcısı {0} için parolayı girin. Parola veritabanına yazılmaz.</source>
        <translation>Enter the password of KOOP-BİS user {0}. The password is not written to the database.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync_parts.py" line="76"/>
        <source>&amp;Parola:</source>
        <translation>&amp;Password:</translation>
    </message>
</context>
<context>
    <name>PasswordPair</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="55"/>
        <source>parola (en az {0} karakter)</source>
        <translation>password (at least {0} characters)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="57"/>
        <source>parola (yeniden)</source>
        <translation>password (again)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="65"/>
        <source>Parola en az {0} karakter olmalıdır.</source>
        <translation>The password must have at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="67"/>
        <source>İki parola aynı değil; yeniden yazın.</source>
        <translation>The two passwords differ; type them again.</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="80"/>
        <source>Satır</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/import_dialog.py" line="82"/>
        <source>Sorunlar</source>
        <translation>Problems</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="109"/>
        <source>&amp;Günlük liste…</source>
        <translation>&amp;Daily list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/print_actions.py" line="114"/>
        <source>&amp;Sicil uyarıları…</source>
        <translation>&amp;Registry warnings…</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="31"/>
        <source>Taslaklarım</source>
        <translation>My drafts</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="34"/>
        <source>Kendi taslaklarınız ve şefin iade ettiği kayıtlar. İade edilenler sarı; şefin notu aşağıda görünür.</source>
        <translation>Your drafts and the entries a supervisor returned. Returned ones are yellow; the supervisor&apos;s note shows below.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="39"/>
        <source>Onay bekleyenler</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="40"/>
        <source>Onaylananlar</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="43"/>
        <source>Eşitleme</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>KOOP-BİS {0} tarihinde açılır. O güne kadar onaylanan kayıtlar bu bilgisayarda saklanır; açılıştan sonra sırayla KOOP-BİS&apos;e aktarılır.</source>
        <translation type="vanished">KOOP-BİS opens on {0}. Until then approved entries are kept on this computer; after the opening they are sent to KOOP-BİS in order.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="48"/>
        <source>Çakışmalar</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>KOOP-BİS&apos;teki güncel bilgiyle çelişen kayıtlar; şefin karar vermesi gerekir.</source>
        <translation type="vanished">Entries that contradict current KOOP-BİS data; a supervisor must decide.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/presets.py" line="51"/>
        <source>Tüm kayıtlar</source>
        <translation>All entries</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="96"/>
        <source>Tümü</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="102"/>
        <source>Tüm türler</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="107"/>
        <source>kullanıcı adı</source>
        <translation>username</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="111"/>
        <source>&amp;Tarih aralığı</source>
        <translation>&amp;Date range</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="123"/>
        <source>Ara: kooperatif, kişi, karar no… (Türkçe harfsiz de olur)</source>
        <translation>Search: cooperative, person, decision no… (Turkish letters optional)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="132"/>
        <source>&amp;Ara:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="133"/>
        <source>Tü&amp;r:</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="135"/>
        <source>D&amp;urum:</source>
        <translation>S&amp;tate:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="139"/>
        <source>Ya&amp;zan:</source>
        <translation>A&amp;uthor:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="210"/>
        <source>Seçilenleri &amp;onaya gönder…</source>
        <translation>Submit selected for appro&amp;val…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="212"/>
        <source>Seçilenleri o&amp;nayla…</source>
        <translation>Appro&amp;ve selected…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="216"/>
        <source>Seçili taslakların her biri ayrı ayrı onaya gönderilir (Ctrl+Enter).</source>
        <translation>Each selected draft is submitted for approval on its own (Ctrl+Enter).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="218"/>
        <source>Seçili kayıtların her biri ayrı ayrı onaylanır (Ctrl+Enter).</source>
        <translation>Each selected entry is approved on its own (Ctrl+Enter).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="233"/>
        <source>Geri ç&amp;ek…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="234"/>
        <source>Geri ç&amp;ek… (Ctrl+Shift+G)</source>
        <translation>&amp;Withdraw… (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="244"/>
        <source>Yeni kayda ko&amp;pyala…</source>
        <translation>Co&amp;py to new entry…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="245"/>
        <source>Yeni kayda ko&amp;pyala… (Ctrl+Shift+K)</source>
        <translation>Co&amp;py to new entry… (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="359"/>
        <source>Bu sütuna göre sıralanamaz.</source>
        <translation>This column cannot be sorted.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="487"/>
        <source>İlk {0} kayıt gösteriliyor; toplam sayılıyor…</source>
        <translation>Showing the first {0} entries; counting the rest…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="489"/>
        <source>Bu listede kayıt yok.</source>
        <translation>No entries in this list.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="492"/>
        <source>{0} kayıt ({1} tanesi yüklendi; kaydırdıkça gelir)</source>
        <translation>{0} entries ({1} loaded; more load as you scroll)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="495"/>
        <source>{0} kayıt</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="599"/>
        <source>Geri çekilecek kaydı seçin.</source>
        <translation>Select the entry to withdraw.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="601"/>
        <source>Kayıtlar tek tek geri çekilir: yalnızca bir kayıt seçin.</source>
        <translation>Entries are withdrawn one at a time: select only one entry.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="612"/>
        <source>Seçili kaydı geri çeker: KOOP-BİS&apos;e gönderilmez, geçmişte kalır. Önce sorulur.</source>
        <translation>Withdraws the selected entry: it is not sent to KOOP-BİS and stays in the history. You are asked first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="619"/>
        <source>{0} — kayıt {1}</source>
        <translation>{0} — entry {1}</translation>
    </message>
    <message>
        <source>{0} numaralı kayıt geri çekildi; KOOP-BİS&apos;e gönderilmeyecek.</source>
        <translation type="vanished">Entry {0} was withdrawn; it will not be sent to KOOP-BİS.</translation>
    </message>
    <message>
        <source>Kayıt geri çekilemedi</source>
        <translation type="vanished">The entry could not be withdrawn</translation>
    </message>
    <message>
        <source>{0} numaralı kayıt geri çekilemedi: {1}</source>
        <translation type="vanished">Entry {0} could not be withdrawn: {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="648"/>
        <source>Hiçbir şey değişmedi. Liste kaydın şimdiki durumunu gösteriyor.</source>
        <translation>Nothing was changed. The list shows the entry as it is now.</translation>
    </message>
    <message>
        <source>KOOP-BİS&apos;in iade notu: {0}</source>
        <translation type="vanished">Returned by KOOP-BİS: {0}</translation>
    </message>
    <message>
        <source>Şefin iade notu: {0}</source>
        <translation type="vanished">Supervisor&apos;s return note: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="185"/>
        <source>Yeni kayıt (Ctrl+N)</source>
        <translation>New entry (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="500"/>
        <source>Yükleniyor…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="502"/>
        <source>Süzgece uyan kayıt yok; süzgeci temizleyin (Esc) ya da genişletin.</source>
        <translation>No entry matches the filter; clear it (Esc) or widen it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="505"/>
        <source>Taslağınız ya da iade edilen kaydınız yok. Yeni bir değişikliği kaydetmek için:</source>
        <translation>You have no drafts or returned entries. To record a new change:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="508"/>
        <source>Onay bekleyen kayıt yok: memurların onaya gönderdiği kayıtlar burada görünür.</source>
        <translation>Nothing awaits approval: entries clerks submit for approval appear here.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="510"/>
        <source>Onaylanmış kayıt yok: şefin onayladığı kayıtlar burada görünür.</source>
        <translation>No approved entries: entries a supervisor approves appear here.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="511"/>
        <source>KOOP-BİS&apos;e gönderilecek ya da gönderilmiş kayıt yok.</source>
        <translation>No entries to send or sent to KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="512"/>
        <source>Çakışma yok: KOOP-BİS&apos;le çelişen kayıt olursa burada karar beklenir.</source>
        <translation>No conflicts: an entry that contradicts KOOP-BİS would wait here for a decision.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="513"/>
        <source>Henüz kayıt yok. İlk kaydı girmek için:</source>
        <translation>No entries yet. To record the first one:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="657"/>
        <source>Kayıt girişini memurlar ve şefler yapar; yönetici hesabıyla kayıt girilmez.</source>
        <translation>Entries are made by clerks and supervisors; the administrator account cannot make entries.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="659"/>
        <source>Kopyalanacak kaydı seçin.</source>
        <translation>Select the entry to copy.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="661"/>
        <source>Kayıtlar tek tek kopyalanır: yalnızca bir kayıt seçin.</source>
        <translation>Entries are copied one at a time: select only one.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/queue.py" line="673"/>
        <source>Seçili kaydın alanlarını yeni bir formda açar; kooperatifi ve alanları değiştirip kaydedersiniz. Kaydetmeden kapatırsanız hiçbir şey saklanmaz.</source>
        <translation>Opens the selected entry&apos;s fields in a new form; change the cooperative and the fields, then save. Closed without saving, nothing is stored.</translation>
    </message>
</context>
<context>
    <name>RegistryWarningsPanel</name>
    <message>
        <location filename="../../koopbis_desktop/ui/registry_warnings.py" line="48"/>
        <source>Sicil uyarıları</source>
        <translation>Registry warnings</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="138"/>
        <source>Parola sıfırla: {0}</source>
        <translation>Reset password: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="147"/>
        <source>{0} için yeni parola:</source>
        <translation>New password for {0}:</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="92"/>
        <source>Kayıt incelemesi</source>
        <translation>Entry review</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="96"/>
        <source>Kayıt yükleniyor…</source>
        <translation>Loading the entry…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="101"/>
        <source>&amp;Açıklama (iade ederken zorunlu: memur neyi düzelteceğini bilmeli):</source>
        <translation>Co&amp;mment (required when returning: the clerk must know what to fix):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="107"/>
        <source>Örneğin: Karar numarası yanlış; yönetim kurulu kararına göre düzeltin.</source>
        <translation>For example: the decision number is wrong; correct it according to the board decision.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="113"/>
        <source>&amp;Onayla</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="115"/>
        <source>&amp;İade et</source>
        <translation>&amp;Return</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="117"/>
        <source>&amp;Kapat</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="125"/>
        <source>Kayıt &amp;fişi…</source>
        <translation>Entry &amp;slip…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="128"/>
        <source>Kaydın imzalanacak fişini gösterir (baskı önizleme).</source>
        <translation>Shows the entry slip to be signed (print preview).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="135"/>
        <source>Yeni kayda ko&amp;pyala… (Ctrl+Shift+K)</source>
        <translation>Co&amp;py to new entry… (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="140"/>
        <source>Bu kaydın alanlarını yeni bir formda açar; kooperatifi ve alanları değiştirip kaydedersiniz. Kaydetmeden kapatırsanız hiçbir şey saklanmaz.</source>
        <translation>Opens this entry&apos;s fields in a new form; change the cooperative and the fields, then save. Closed without saving, nothing is stored.</translation>
    </message>
    <message>
        <source>Kayıt incelemesi — {0}</source>
        <translation type="vanished">Entry review — {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="151"/>
        <source>&amp;Geri çek… (Ctrl+Shift+G)</source>
        <translation>&amp;Withdraw… (Ctrl+Shift+G)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="155"/>
        <source>Kaydı geri çeker: KOOP-BİS&apos;e gönderilmez, geçmişte kalır. Önce sorulur.</source>
        <translation>Withdraws the entry: it is not sent to KOOP-BİS and stays in the history. You are asked first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="277"/>
        <source>Kaydı inceleyin; onaylayın ya da açıklama yazarak iade edin.</source>
        <translation>Review the entry; approve it, or return it with a comment.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="284"/>
        <source>Önceki açılışta yazdığınız açıklama geri kondu.</source>
        <translation>The note you typed when you last opened it was put back.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="315"/>
        <source>Bu kayıt siz incelerken değişti (son işlem: {0} — {1}, {2}).</source>
        <translation>This entry changed while you were reviewing it (last action: {0} — {1}, {2}).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="319"/>
        <source>Bu kayıt siz incelerken değişti.</source>
        <translation>This entry changed while you were reviewing it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="320"/>
        <source>Kayıt şimdi &apos;{0}&apos; durumunda, sürüm {1}.</source>
        <translation>The entry is now &apos;{0}&apos;, revision {1}.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="325"/>
        <source>Kayıt düzeltmeniz için size döndü: bu pencereyi kapatıp kaydı Taslaklarım&apos;da açın ve düzeltin.</source>
        <translation>The entry came back to you for correction: close this window, open the entry in My drafts and correct it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="328"/>
        <source>İade notu: «{0}».</source>
        <translation>Return note: «{0}».</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="332"/>
        <source>Artık onaylanamaz ya da iade edilemez; pencereyi kapatabilirsiniz.</source>
        <translation>It can no longer be approved or returned; you may close this window.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="334"/>
        <source>Gösterilen yeni hâlini okuyup yeniden karar verin.</source>
        <translation>Read the new version shown and decide again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="353"/>
        <source>Kaydı onaylar; onaylanan kayıt KOOP-BİS açılınca aktarılır (Ctrl+Enter).</source>
        <translation>Approves the entry; an approved entry is transferred when KOOP-BİS opens (Ctrl+Enter).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="358"/>
        <source>Kaydı yazan memura geri gönderir; açıklama kutusuna neyin düzeltileceğini yazın.</source>
        <translation>Sends the entry back to the clerk who wrote it; write in the comment box what to fix.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="380"/>
        <source>Açıklama yazılıyken Ctrl+Enter onaylamaz. İade etmek için İade et&apos;e, açıklamayla onaylamak için Onayla&apos;ya basın.</source>
        <translation>Ctrl+Enter does not approve while a note is typed. To return the entry press Return, to approve it with the note press Approve.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="395"/>
        <source>Onaylanıyor…</source>
        <translation>Approving…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="409"/>
        <source>İade nedeni yazılmalıdır: memur neyi düzelteceğini bilmeli. Açıklama kutusuna yazın.</source>
        <translation>A reason for the return is required: the clerk must know what to fix. Type it in the comment box.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="418"/>
        <source>İade ediliyor…</source>
        <translation>Returning…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="439"/>
        <source>{0} — kayıt {1}</source>
        <translation>{0} — entry {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="454"/>
        <source>Geri çekiliyor…</source>
        <translation>Withdrawing…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="480"/>
        <source>Hiçbir şey değişmedi. Pencere kaydın şimdiki durumunu gösteriyor.</source>
        <translation>Nothing was changed. The window shows the entry as it is now.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="482"/>
        <source>Geri çekilemedi: {0}</source>
        <translation>Not withdrawn: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/review.py" line="256"/>
        <source>Kayıt incelemesi {0} — {1}</source>
        <translation>Entry review {0} — {1}</translation>
    </message>
</context>
<context>
    <name>SetValues</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/values.py" line="25"/>
        <source>Değişiklik</source>
        <translation>Change</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="48"/>
        <source>Ayarlar</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="81"/>
        <source>&amp;Parolayı kaydet</source>
        <translation>&amp;Save password</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="86"/>
        <source>KOOP-BİS parolası</source>
        <translation>KOOP-BİS password</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="93"/>
        <source>Parola yalnızca işletim sisteminin güvenli parola deposuna kaydedilir; veritabanına ya da ayar dosyasına yazılmaz.</source>
        <translation>The password is stored only in the operating system&apos;s secure password store; never in the database or a settings file.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="110"/>
        <source>&amp;Kaydet</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="111"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="192"/>
        <source>Kırmızı ile gösterilen alanları düzeltin; hiçbir ayar kaydedilmedi.</source>
        <translation>Correct the fields shown in red; no setting was saved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="214"/>
        <source>Ayarlar kaydedildi.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="229"/>
        <source>Kaydedilecek parolayı yazın.</source>
        <translation>Type the password to save.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="233"/>
        <source>Önce KOOP-BİS kullanıcı adını yazın.</source>
        <translation>Type the KOOP-BİS username first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="240"/>
        <source>Parola, {0} hesabı için işletim sisteminin güvenli deposuna kaydedildi.</source>
        <translation>The password for account {0} was saved in the operating system&apos;s secure store.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/settings.py" line="248"/>
        <source>Bu bilgisayarda güvenli parola deposu yok; parola hiçbir yere kaydedilmedi. Eşitleme sırasında KOOP-BİS parolası sorulacak.</source>
        <translation>This computer has no secure password store; the password was not saved anywhere. The KOOP-BİS password will be asked for at sync time.</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="375"/>
        <source>KOOP-BİS Masaüstü (DEMO) — Giriş</source>
        <extracomment>The signed-in window&apos;s modules in the order they load, each pulling in what it needs (a few milliseconds to a few tens each): one per turn of the event loop. An encrypted file&apos;s sign-in opens the account&apos;s key slot first: argon2 (through the project&apos;s own call of it, ``store.password_hash``) and AES-GCM (≈ 11 + 15 ms of imports on the DB worker, after the password was typed). Loaded first while the login of an encrypted file waits.</extracomment>
        <translation>KOOP-BİS Desktop (DEMO) — Sign in</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="443"/>
        <source>KOOP-BİS Masaüstü (DEMO)</source>
        <translation>KOOP-BİS Desktop (DEMO)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="517"/>
        <source>Bugünün yedeği alındı: %1</source>
        <translation>Today&apos;s backup was taken: %1</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="527"/>
        <source>%1 Kayıtlarınız yerinde; günün yedeği programın bir sonraki açılışında yeniden denenir.</source>
        <translation>%1 Your records are safe; today&apos;s backup is tried again at the program&apos;s next start.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="757"/>
        <source>KOOP-BİS Masaüstü bu veritabanıyla bu bilgisayarda zaten açık.</source>
        <translation>KOOP-BİS Desktop is already open with this database on this computer.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="758"/>
        <source>Açık pencereyi görev çubuğunda bulun. İkinci bir pencere açılmadı: aynı form iki pencerede açılıp iki kez kaydedilebilirdi. Açık program yanıt vermiyorsa kapatın (işlem numarası {0}) ve yeniden başlatın; kaydettikleriniz ve otomatik kaydedilen formlar kaybolmaz.</source>
        <translation>Find the open window in the task bar. No second window was opened: the same form could have been opened in two windows and saved twice. If the open program does not respond, close it (process number {0}) and start again; what you saved and the autosaved forms are not lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/app.py" line="821"/>
        <source>Demo veritabanı hazırlanıyor (500 kooperatif, örnek kayıtlar)… Birkaç saniye sürer.</source>
        <translation>Preparing the demo database (500 cooperatives, sample entries)… This takes a few seconds.</translation>
    </message>
</context>
<context>
    <name>SubmitActions</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="62"/>
        <source>Kaydetmek için önce kooperatifi seçin.</source>
        <translation>Choose the cooperative before saving.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="110"/>
        <source>Onaya gönderiliyor… (gönderilirken form değiştirilemez)</source>
        <translation>Submitting for approval… (the form cannot be changed meanwhile)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="112"/>
        <source>Kaydediliyor…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="168"/>
        <source>{0} onaya gönderildi.</source>
        <translation>{0} submitted for approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="173"/>
        <source>Kayıt onaya gönderildi.</source>
        <translation>The entry was submitted for approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="179"/>
        <source>Kaydedildi, ama onaya gönderilemedi: {0}</source>
        <translation>Saved, but could not be submitted for approval: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="184"/>
        <source>{0} taslak olarak kaydedildi ({1}. sürüm); kaydederken yazdıklarınız henüz kaydedilmedi (otomatik yedekleniyor).</source>
        <translation>{0} saved as a draft (revision {1}); what you typed while it was saving is not saved yet (it is being backed up).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="190"/>
        <source>{0} taslak olarak kaydedildi ({1}. sürüm).</source>
        <translation>{0} saved as a draft (version {1}).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="220"/>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="265"/>
        <source>Kaydedilemedi: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="235"/>
        <source>Kaydedilen sürüm → sizin yazdığınız:</source>
        <translation>Saved revision → what you typed:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="237"/>
        <source>Kaydedilen sürüm sizin yazdıklarınızla aynı alan değerlerini taşıyor.</source>
        <translation>The saved revision has the same field values as what you typed.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="240"/>
        <source>Kaydedilmedi: {0} arada {1}. sürümü kaydetti. Yazdıklarınız formda duruyor; farkları gözden geçirip yeniden kaydederseniz onun sürümünün üzerine kaydedilir.</source>
        <translation>Not saved: {0} saved revision {1} meanwhile. What you typed is still in the form; review the differences, and if you save again it is saved over that revision.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="246"/>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="303"/>
        <source>Kayıt siz düzenlerken değişti</source>
        <translation>The entry changed while you were editing it</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="284"/>
        <source>Yazdıklarınız formda duruyor. Düzeltmenin kayda girmesi için şefinizden kaydı size iade etmesini isteyin.</source>
        <translation>What you typed is still in the form. For your correction to go into the entry, ask your supervisor to return the entry to you.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="289"/>
        <source>Yazdıklarınız formda duruyor; bu kayıt artık değiştirilemez. Gerekiyorsa şefinize danışın.</source>
        <translation>What you typed is still in the form; this entry can no longer be changed. Ask your supervisor if needed.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="292"/>
        <source>Kaydedilmedi: kayıt siz düzenlerken &apos;{0}&apos; durumuna geçti. {1}</source>
        <translation>Not saved: the entry became &apos;{0}&apos; while you were editing it. {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="297"/>
        <source>Kayıttaki değer → sizin yazdığınız (kaydedilmedi):</source>
        <translation>Value in the entry → what you typed (not saved):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="300"/>
        <source>Yazdıklarınız kayıttaki değerlerle aynı; kaybolan bir şey yok.</source>
        <translation>What you typed matches the entry&apos;s values; nothing is lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="346"/>
        <source>Kaydedilmemiş değişiklikler var; form yeniden otomatik olarak yedeklendi.</source>
        <translation>There are unsaved changes; the form was autosaved again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="349"/>
        <source>Form yeniden otomatik olarak yedeklendi.</source>
        <translation>The form was autosaved again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="360"/>
        <source>Form otomatik olarak yedeklenemedi: {0} {1} saniye sonra yeniden denenecek; yazdıklarınızı hemen korumak için kaydedin (Ctrl+S).</source>
        <translation>The form could not be autosaved: {0} It is tried again in {1} seconds; to keep what you typed now, save it (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="389"/>
        <source>Kaydedilmemiş değişiklikler</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="390"/>
        <source>Kaydedilmemiş değişiklikler var.</source>
        <translation>There are unsaved changes.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="397"/>
        <source>Kaydet: taslak olarak kaydeder. Vazgeç: bu formdaki kaydedilmemiş değişiklikleri atar. İptal: forma geri döner.</source>
        <translation>Save: saves as a draft. Discard: throws away the unsaved changes in this form. Cancel: goes back to the form.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="435"/>
        <source>Kaydedilemeyen form</source>
        <translation>Form that cannot be saved</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="437"/>
        <source>Bu formda yazdıklarınız kaydedilemez: {0} Otomatik kaydedilmiş kopyası silinsin mi?</source>
        <translation>What you typed in this form cannot be saved: {0} Delete its autosaved copy?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="440"/>
        <source>Kopyayı sil</source>
        <translation>Delete the copy</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="441"/>
        <source>Sakla</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="444"/>
        <source>Saklarsanız bir sonraki girişte yeniden sorulur. Silinen kopya geri alınamaz.</source>
        <translation>If you keep it, you will be asked again at the next sign-in. A deleted copy cannot be brought back.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="392"/>
        <source>Kaydet</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="393"/>
        <source>Vazgeç (değişiklikleri at)</source>
        <translation>Discard (throw away the changes)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/submit.py" line="394"/>
        <source>İptal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="114"/>
        <source>Eşitleme</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/mainwindow.py" line="156"/>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="122"/>
        <source>Şimdi &amp;eşitle</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="126"/>
        <source>Şimdi &amp;eşitle (Ctrl+Shift+S)</source>
        <translation>&amp;Sync now (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="128"/>
        <source>D&amp;uraklat</source>
        <translation>Pa&amp;use</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="130"/>
        <source>Planı ye&amp;nile</source>
        <translation>R&amp;efresh plan</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="133"/>
        <source>KOOP-BİS&apos;e e&amp;lle aktarım…</source>
        <translation>&amp;Manual entry into KOOP-BİS…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="136"/>
        <source>Alındı &amp;fiş listesi…</source>
        <translation>Receipt &amp;list…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="139"/>
        <source>KOOP-BİS&apos;e aktarılan kayıtların alındı numaraları (baskı önizleme).</source>
        <translation>Receipt numbers of the entries transferred to KOOP-BİS (print preview).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="153"/>
        <source>%v / %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="155"/>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="678"/>
        <source>Eşitleme çalışmıyor.</source>
        <translation>Sync is not running.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="673"/>
        <source>Eşitleme duraklatıldı; sürdürmek için Şimdi eşitle&apos;ye basın (Ctrl+Shift+S).</source>
        <translation>Sync paused; to go on, press Sync now (Ctrl+Shift+S).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="173"/>
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="174"/>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="197"/>
        <source>Kayıt türü</source>
        <translation>Entry type</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="175"/>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="198"/>
        <source>Kooperatif</source>
        <translation>Cooperative</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="176"/>
        <source>Yürürlük</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>Kayıt</source>
        <translation type="vanished">Entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="177"/>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="195"/>
        <source>Kayıt no</source>
        <translation>Entry no.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="178"/>
        <source>Neden bekliyor</source>
        <translation>Why it waits</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="188"/>
        <source>Gönderilecek kayıt yok. Şefin onayladığı kayıtlar burada KOOP-BİS&apos;e gönderilecekleri sırayla görünür.</source>
        <translation>Nothing to send. Entries a supervisor approves appear here in the order they will be sent to KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="196"/>
        <source>KOOP-BİS alındı no</source>
        <translation>KOOP-BİS receipt no.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="200"/>
        <source>Aktarılma zamanı</source>
        <translation>Transferred at</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="221"/>
        <source>CSV olarak &amp;dışa aktar…</source>
        <translation>&amp;Export as CSV…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="230"/>
        <source>Gönderilecek kayıt yok. Şefin onayladığı kayıtlar burada gönderilme sırasıyla listelenir; KOOP-BİS açıkken kendiliğinden gönderilir. Onay bekleyen kayıtlar için Onay bekleyenler sayfasına bakın.</source>
        <translation>Nothing to send. Entries a supervisor approved are listed here in sending order and go to KOOP-BİS by themselves while it is open. For entries awaiting approval see the Awaiting approval page.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="249"/>
        <source>Henüz KOOP-BİS&apos;e aktarılan kayıt yok. Eşitleme bir kaydı aktardığında KOOP-BİS&apos;in verdiği alındı numarası burada görünür.</source>
        <translation>No entry has reached KOOP-BİS yet. When a sync sends an entry, the receipt number KOOP-BİS gives appears here.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="261"/>
        <source>&amp;Plan</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="262"/>
        <source>&amp;Alındılar</source>
        <translation>&amp;Receipts</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="326"/>
        <source>Onaylı kayıtları KOOP-BİS web sayfasına elle girmek için, sırayla, alan alan.</source>
        <translation>To enter approved entries into the KOOP-BİS web pages by hand, in order, field by field.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="328"/>
        <source>KOOP-BİS&apos;e elle aktarımı yalnızca şefler yapar.</source>
        <translation>Only supervisors enter entries into KOOP-BİS by hand.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="331"/>
        <source>Eşitlemeyi yalnızca şefler başlatır ya da duraklatır.</source>
        <translation>Only supervisors start or pause the sync.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="336"/>
        <source>Onaylı kayıtları şimdi KOOP-BİS&apos;e gönderir.</source>
        <translation>Sends the approved entries to KOOP-BİS now.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="338"/>
        <source>Eşitleme sürüyor.</source>
        <translation>Sync is running.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="341"/>
        <source>Eşitlemeyi iki istek arasında durdurur; kalan kayıtlar sonra gönderilir.</source>
        <translation>Stops the sync between two requests; the remaining entries are sent later.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="343"/>
        <source>Duraklatılacak bir eşitleme yok.</source>
        <translation>There is no sync to pause.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="412"/>
        <source>Hazır: {0} · Yeniden denenecek: {1} · Bekleyen: {2} · Karar bekleyen: {3} · Gönderilmekte: {4}</source>
        <translation>Ready: {0} · To retry: {1} · Waiting: {2} · Awaiting decision: {3} · Being sent: {4}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="424"/>
        <source>&amp;Alındılar ({0})</source>
        <translation>&amp;Receipts ({0})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="436"/>
        <source>{0} ({1}): {2}</source>
        <translation>{0} ({1}): {2}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="456"/>
        <source>KOOP-BİS {0} tarihinde açılacak ({1} gün kaldı). O güne kadar onaylı kayıtlar burada bekler; açılış günü kendiliğinden sırayla gönderilir.</source>
        <translation>KOOP-BİS opens on {0} ({1} days left). Until then approved entries wait here; on the opening day they are sent automatically, in order.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="461"/>
        <source>KOOP-BİS&apos;in açılış tarihi geçti; ondan henüz yanıt alınmadı. Gönderilecek ya da karar bekleyen {0} kayıt var; onaylanan kayıtlar birkaç dakikada bir kendiliğinden gönderilir.</source>
        <translation>KOOP-BİS&apos;s opening date has passed; it has not answered yet. {0} entries are waiting to be sent or for a decision; approved entries are sent automatically every few minutes.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="469"/>
        <source>Son eşitleme: henüz yapılmadı.</source>
        <translation>Last sync: none yet.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="474"/>
        <source>Son eşitleme ({0}): {1}. {2}</source>
        <translation>Last sync ({0}): {1}. {2}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="486"/>
        <source>Şu an bu bilgisayarda başka bir eşitleme sürüyor ({0} başladı); kayıtları o gönderiyor.</source>
        <translation>Another sync is running on this computer now (started {0}); it is sending the entries.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="489"/>
        <source>Şu an {0} bilgisayarında başka bir eşitleme sürüyor ({1} başladı); ofisin kayıtlarını o gönderiyor.</source>
        <translation>Another sync is running on computer {0} now (started {1}); it is sending the office&apos;s entries.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="495"/>
        <source>KOOP-BİS açılışına {0} gün</source>
        <translation>{0} days until KOOP-BİS opens</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="499"/>
        <source>Bu bilgisayarda başka bir eşitleme sürüyor</source>
        <translation>Another sync is running on this computer</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="500"/>
        <source>Eşitleme {0} bilgisayarında sürüyor</source>
        <translation>Sync is running on computer {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="503"/>
        <source>Eşitleme henüz yapılmadı</source>
        <translation>No sync yet</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="505"/>
        <source>Son eşitleme: {0} ({1})</source>
        <translation>Last sync: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="543"/>
        <source>KOOP-BİS sunucu ayarları değişti ({0}, {1}); eşitleme yeni ayarlarla yeniden başlatılıyor. Gönderilmekte olan istek bitince durur, hiçbir kayıt kaybolmaz.</source>
        <translation>The KOOP-BİS server settings changed ({0}, {1}); the sync is restarting with the new settings. It stops once the request being sent ends; no entry is lost.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="598"/>
        <source>Duraklatılıyor; gönderilmekte olan istek bitince durur…</source>
        <translation>Pausing; stops when the request being sent has finished…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="569"/>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="604"/>
        <source>Eşitleme başladı; KOOP-BİS&apos;e bağlanılıyor…</source>
        <translation>Sync started; connecting to KOOP-BİS…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="605"/>
        <source>Eşitleniyor…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="618"/>
        <source>{0} / {1} · aktarılan {2} · çakışma {3} · ret {4} · yeniden denenecek {5} — {6}</source>
        <translation>{0} / {1} · transferred {2} · conflicts {3} · rejected {4} · to retry {5} — {6}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="628"/>
        <source>Eşitleniyor {0}/{1}</source>
        <translation>Syncing {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="641"/>
        <source>{0} / {1} · {2}: {3}</source>
        <translation>{0} / {1} · {2}: {3}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="vanished">{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="657"/>
        <source>Eşitleme bitti: {0}. {1}</source>
        <translation>Sync finished: {0}. {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="655"/>
        <source>Eşitleme bitti: {0}</source>
        <translation>Sync finished: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="660"/>
        <source>Son eşitleme: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="687"/>
        <source>KOOP-BİS parolayı reddetti; hesabı kilitletmemek için otomatik eşitleme aynı parolayla yeniden denemiyor. Bir şef &quot;Şimdi eşitle&quot; ile doğru parolayı girebilir ya da Ayarlar&apos;da yenisini kaydedebilir.</source>
        <translation>KOOP-BİS refused the password; so as not to get the account locked, the automatic sync does not try the same password again. A supervisor can type the right one with &quot;Sync now&quot;, or save a new one in Settings.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="695"/>
        <source>KOOP-BİS parolası kayıtlı değil; otomatik eşitleme yapılamıyor. Bir şef &quot;Şimdi eşitle&quot; ile parolayı girebilir.</source>
        <translation>No KOOP-BİS password is saved; automatic sync cannot run. A supervisor can enter the password with &quot;Sync now&quot;.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="702"/>
        <source>Parola girilmedi; eşitleme başlatılmadı.</source>
        <translation>No password entered; the sync was not started.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="708"/>
        <source>Bu bilgisayarda güvenli parola deposu yok; parola yalnızca bu oturumda hatırlanacak.</source>
        <translation>This computer has no secure password store; the password is remembered for this session only.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="772"/>
        <source>Alındıları dışa aktar</source>
        <translation>Export receipts</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="774"/>
        <source>CSV dosyası (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/sync.py" line="784"/>
        <source>{0} alındı {1} dosyasına yazıldı.</source>
        <translation>{0} receipts written to {1}.</translation>
    </message>
    <message>
        <source>KOOP-BİS Masaüstü</source>
        <translation type="vanished">KOOP-BİS Desktop</translation>
    </message>
    <message>
        <source>KOOP-BİS eşitleme</source>
        <translation type="vanished">KOOP-BİS sync</translation>
    </message>
</context>
<context>
    <name>SyncTray</name>
    <message>
        <location filename="../../koopbis_desktop/ui/koopbis_state.py" line="136"/>
        <source>KOOP-BİS eşitleme</source>
        <translation>KOOP-BİS sync</translation>
    </message>
    <message>
        <source>Kayıt no</source>
        <translation type="vanished">Entry no.</translation>
    </message>
    <message>
        <source>Gönderilecek kayıt yok. Şefin onayladığı kayıtlar burada KOOP-BİS&apos;e gönderilecekleri sırayla görünür.</source>
        <translation type="vanished">Nothing to send. Entries a supervisor approves appear here in the order they will be sent to KOOP-BİS.</translation>
    </message>
</context>
<context>
    <name>TypeChooser</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="79"/>
        <source>Yazarak süzün, örneğin: ortak, genel kurul, tasfiye</source>
        <translation>Type to filter, e.g. ortak, genel kurul, tasfiye</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="85"/>
        <source>Bu sözcükle eşleşen kayıt türü yok.</source>
        <translation>No change type matches this word.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="87"/>
        <source>Kayıt &amp;türü:</source>
        <translation>Change &amp;type:</translation>
    </message>
</context>
<context>
    <name>TypeChooserDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/pages/new_entry.py" line="210"/>
        <source>Yeni kayıt: {0}</source>
        <translation>New entry: {0}</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="167"/>
        <source>Kullanıcı adı</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="168"/>
        <source>Ad soyad</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="169"/>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="170"/>
        <source>Durum</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="178"/>
        <source>Kullanıcılar</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="186"/>
        <source>&amp;Ekle…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="187"/>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="255"/>
        <source>Hesabı &amp;kapat</source>
        <translation>&amp;Disable account</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="188"/>
        <source>Kilidi &amp;aç</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="189"/>
        <source>&amp;Parola sıfırla…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="202"/>
        <source>Kapat (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="230"/>
        <source>Kapalı</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="232"/>
        <source>Kilitli</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="234"/>
        <source>Etkin</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="255"/>
        <source>Hesabı &amp;yeniden aç</source>
        <translation>&amp;Enable account</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="275"/>
        <source>Kullanıcı eklendi: {0}</source>
        <translation>User added: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="284"/>
        <source>{0} hesabı kapatıldı.</source>
        <translation>Account {0} disabled.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="288"/>
        <source>{0} hesabı açıldı.</source>
        <translation>Account {0} enabled.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="298"/>
        <source>{0} hesabının kilidi açıldı.</source>
        <translation>Account {0} unlocked.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/dialogs/users.py" line="311"/>
        <source>{0} için yeni parola kaydedildi.</source>
        <translation>New password saved for {0}.</translation>
    </message>
</context>
<context>
    <name>ValidationDisplay</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="61"/>
        <source>Geçerli</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Tabloda {0} hücre hatalı; hatalı hücrenin üzerine gelince nedeni görünür.</source>
        <translation type="vanished">{0} cells in the table have errors; hover over a cell to see why.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="119"/>
        <source>KOOP-BİS reddetti: {0}</source>
        <translation>KOOP-BİS refused: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="179"/>
        <source>Şu anki: çevrimdışı listede kayıtlı değil</source>
        <translation>Current: not registered in the offline list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="181"/>
        <source>Şu anki: kayıtlı — {0}</source>
        <translation>Current: registered — {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="184"/>
        <source>Şu anki: {0}</source>
        <translation>Current: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="196"/>
        <source>{0} hata</source>
        <translation>errors: {0}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="198"/>
        <source>{0} uyarı (1163 s.K.)</source>
        <translation>{0} warnings (Law 1163)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="203"/>
        <source>Form geçerli.</source>
        <translation>The form is valid.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="205"/>
        <source>Form geçerli; onaya gönderilebilir.</source>
        <translation>The form is valid; it can be submitted for approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="218"/>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="230"/>
        <source>Form yükleniyor.</source>
        <translation>Loading the form.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="222"/>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="234"/>
        <source>Önce kooperatifi seçin.</source>
        <translation>Choose the cooperative first.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="225"/>
        <source>{0} hata düzeltilmeden onaya gönderilemez.</source>
        <translation>Cannot be submitted for approval until the errors are fixed ({0}).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="247"/>
        <source>Kaydedip şefin onayına gönderir.</source>
        <translation>Saves and submits it for the supervisor&apos;s approval.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="250"/>
        <source>Hatalar olsa da taslak olarak kaydeder.</source>
        <translation>Saves as a draft even with errors.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="258"/>
        <source>Kaydedilmemiş değişiklikler var (otomatik yedekleniyor).</source>
        <translation>There are unsaved changes (backed up automatically).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="85"/>
        <source>Tabloda {0} hücre hatalı; hücreye gelince nedeni tablonun altında yazar.</source>
        <translation>{0} cells in the table have errors; move to a cell to read why under the table.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/validation_view.py" line="201"/>
        <source>Yıldızlı (*) alanlar zorunludur; denetim alandan çıkınca görünür.</source>
        <translation>Fields marked (*) are required; checks show once you leave a field.</translation>
    </message>
</context>
<context>
    <name>WithdrawAction</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/withdraw.py" line="47"/>
        <source>{0} — kayıt {1}</source>
        <translation>{0} — entry {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/withdraw.py" line="70"/>
        <source>Geri çekiliyor…</source>
        <translation>Withdrawing…</translation>
    </message>
    <message>
        <source>{0} numaralı kayıt geri çekildi; KOOP-BİS&apos;e gönderilmeyecek.</source>
        <translation type="vanished">Entry {0} was withdrawn; it will not be sent to KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/withdraw.py" line="92"/>
        <source>Hiçbir şey değişmedi; yazdıklarınız formda duruyor.</source>
        <translation>Nothing was changed; what you typed is still in the form.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/withdraw.py" line="94"/>
        <source>Hiçbir şey değişmedi; yazdıklarınız formda duruyor. Biraz sonra yeniden deneyin.</source>
        <translation>Nothing was changed; what you typed is still in the form. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/withdraw.py" line="97"/>
        <source>Geri çekilemedi: {0}</source>
        <translation>Not withdrawn: {0}</translation>
    </message>
    <message>
        <source>Kayıt geri çekilemedi</source>
        <translation type="vanished">The entry could not be withdrawn</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="108"/>
        <source>Kaydı geri çek</source>
        <translation>Withdraw the entry</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="112"/>
        <source>Bu kayıt geri çekilsin mi?</source>
        <translation>Withdraw this entry?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="123"/>
        <source>• Kayıt KOOP-BİS&apos;e gönderilmez.</source>
        <translation>• The entry will not be sent to KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="126"/>
        <source>• Şefin onay listesinden çıkar; şef onu artık onaylayamaz.</source>
        <translation>• It leaves the supervisor&apos;s approval list; the supervisor can no longer approve it.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="128"/>
        <source>• Şefin iade notu kaydın geçmişinde kalır.</source>
        <translation>• The supervisor&apos;s return note stays in the entry&apos;s history.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="131"/>
        <source>• Silinmez: kaydın geçmişinde ve «Tüm kayıtlar» listesinde «Geri çekildi» durumunda kalır.</source>
        <translation>• It is not deleted: it stays in the entry&apos;s history and in the «Tüm kayıtlar» (All entries) list as «Geri çekildi» (Withdrawn).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="134"/>
        <source>• Geri alınamaz: geri çekilen kayıt yeniden açılıp düzeltilemez ya da onaya gönderilemez. Sonradan gerekirse «Yeni kayda kopyala…» (Ctrl+Shift+K) ile alanlarını yeniden yazmadan yeni bir kayıt açarsınız.</source>
        <translation>• It cannot be undone: a withdrawn entry cannot be reopened, corrected or sent for approval. If it is needed after all, «Copy to new entry…» (Ctrl+Shift+K) opens a new entry with its fields, without typing them again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="142"/>
        <source>• Formda kaydedilmemiş değişiklikleriniz var; kayıt geri çekilince bunlar da atılır.</source>
        <translation>• The form has unsaved changes; they are thrown away when the entry is withdrawn.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="150"/>
        <source>Ge&amp;rekçe (isteğe bağlı; kaydın geçmişine yazılır):</source>
        <translation>&amp;Reason (optional; written to the entry&apos;s history):</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="154"/>
        <source>Örneğin: Yanlış kooperatife girildi.</source>
        <translation>For example: entered for the wrong cooperative.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="158"/>
        <source>&amp;Geri çek</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="160"/>
        <source>&amp;Vazgeç</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>editor</name>
    <message>
        <source>Değişiklik</source>
        <translation type="vanished">Change</translation>
    </message>
</context>
<context>
    <name>help</name>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="83"/>
        <source>Kullanıcı Kılavuzu</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="130"/>
        <source>Kılavuzu PDF olarak kaydet</source>
        <translation>Save the guide as PDF</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="132"/>
        <source>PDF belgesi (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="157"/>
        <source>Kılavuz yazdırılamadı</source>
        <translation>The guide could not be printed</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="162"/>
        <source>Kılavuz yazıldı: {0} ({1} sayfa).</source>
        <translation>Guide written: {0} ({1} pages).</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="170"/>
        <source>Kullanıcı &amp;Kılavuzu</source>
        <translation>User &amp;Guide</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/help.py" line="174"/>
        <source>Kılavuzu &amp;yazdır…</source>
        <translation>&amp;Print the guide…</translation>
    </message>
</context>
<context>
    <name>list_loader</name>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="50"/>
        <source>Kooperatif listesi (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;Tüm dosyalar (*)</source>
        <translation>Cooperative list (*.xlsx *.xlsm *.xlsb *.xls *.ods *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="73"/>
        <source>&amp;Kapat</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="102"/>
        <source>Kooperatif listesi yüklenmedi</source>
        <translation>The cooperative list was not loaded</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="114"/>
        <source>{0} uyarı; her satır neyin alınmadığını ve ne yapılacağını söylüyor:</source>
        <translation>{0} warnings; each line says what was not taken and what to do:</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="121"/>
        <source>… ve {0} uyarı daha: dosyayı düzeltip listeyi yeniden yükleyin.</source>
        <translation>… and {0} more warnings: correct the file and load the list again.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="124"/>
        <source>{0} sicil numaralı kooperatif alınmadı: {1}</source>
        <translation>Cooperative {0} was not taken: {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="129"/>
        <source>Kooperatif listesi yüklendi; uyarılar var</source>
        <translation>The cooperative list was loaded, with warnings</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="144"/>
        <source>Kooperatif listesini yükle</source>
        <translation>Load the cooperative list</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="155"/>
        <source>Kooperatif listesi zaten yükleniyor; bitince ne olduğu burada yazacak.</source>
        <translation>The cooperative list is already being loaded; what happened will show here when it is done.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/list_loader.py" line="159"/>
        <source>Kooperatif listesi yükleniyor: {0}…</source>
        <translation>Loading the cooperative list: {0}…</translation>
    </message>
    <message>
        <source>Kooperatif listesi (*.csv *.xlsx *.txt)</source>
        <translation type="vanished">Cooperative list (*.csv *.xlsx *.txt)</translation>
    </message>
</context>
<context>
    <name>offer_recovery</name>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="36"/>
        <source>Başka bir bilgisayarda hâlâ açık olduğu için geri yüklenmeyen {0} form var; onları orada kaydedin ya da kapatın: {1}</source>
        <translation>{0} forms are not restored because they are still open on another computer; save or close them there: {1}</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="51"/>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="89"/>
        <source>Kaydedilmemiş formlar</source>
        <translation>Unsaved forms</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="52"/>
        <source>Kaydedilmemiş {0} form bulundu: geri yüklensin mi?</source>
        <translation>{0} unsaved forms were found: restore them?</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="54"/>
        <source>Geri yükle</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="55"/>
        <source>Tek tek…</source>
        <translation>One by one…</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="56"/>
        <source>Sonra</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="60"/>
        <source>Program beklenmedik biçimde kapanmış olabilir. «Sonra» derseniz formlar silinmez; bir sonraki açılışta yeniden sorulur.</source>
        <translation>The program may have closed unexpectedly. If you choose «Later» the forms are not deleted; you are asked again at the next start.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="98"/>
        <source>Aç</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="99"/>
        <source>At</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="101"/>
        <source>Bu formun kaydedilmemiş hâlini siler; geri alınamaz.</source>
        <translation>Deletes this form&apos;s unsaved state; this cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="114"/>
        <source>Kapat (kalanlar sonra yeniden sorulur)</source>
        <translation>Close (the rest are asked again later)</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="130"/>
        <source>açıldı</source>
        <translation>opened</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/editor/recovery.py" line="137"/>
        <source>atıldı</source>
        <translation>discarded</translation>
    </message>
</context>
<context>
    <name>opening</name>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="30"/>
        <source>Açılamadı</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="31"/>
        <source>Bu bölüm bu sürümde açılamıyor ({0}). Bilgi işleme bildirin; kayıtlarınız güvende.</source>
        <translation>This part cannot open in this version ({0}). Tell IT support; your entries are safe.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="55"/>
        <location filename="../../koopbis_desktop/ui/opening.py" line="74"/>
        <source>kayıt formu</source>
        <translation>entry form</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/opening.py" line="81"/>
        <source>kayıt görünümü</source>
        <translation>entry view</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>&amp;Sicil uyarıları…</source>
        <translation type="vanished">&amp;Registry warnings…</translation>
    </message>
    <message>
        <source>&amp;Günlük liste…</source>
        <translation type="vanished">&amp;Daily list…</translation>
    </message>
</context>
<context>
    <name>withdraw</name>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="72"/>
        <source>{0} numaralı kayıt geri çekildi; KOOP-BİS&apos;e gönderilmeyecek.</source>
        <translation>Entry {0} was withdrawn; it will not be sent to KOOP-BİS.</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="81"/>
        <source>Kayıt geri çekilemedi</source>
        <translation>The entry could not be withdrawn</translation>
    </message>
    <message>
        <location filename="../../koopbis_desktop/ui/withdraw.py" line="82"/>
        <source>{0} numaralı kayıt geri çekilemedi: {1}</source>
        <translation>Entry {0} could not be withdrawn: {1}</translation>
    </message>
</context>
</TS>
