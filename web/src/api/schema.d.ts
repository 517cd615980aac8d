// Generated from the service's OpenAPI document by `npm run api:generate`. Do not edit.
export interface paths {
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 監査ログ：本人の情報を、誰が・いつ・どの項目を・どの操作で扱ったか（追記のみ）。本人・利用者・経路・期間で絞り込み、format=csv で出力 */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** カレンダー配信（iCalendar）。URL の秘密だけで読めるため、個人情報は載せません（件名は予定の種類と紹介の番号だけ） */
        get: operations["FollowUpCalendarController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalogue/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * カタログ全体を取り込み用テンプレートの形で書き出す（xlsx / csv）
         * @description 書き出したファイルを Excel で直して取り込むと、直した行だけが更新になります。データのない 1 行目だけのファイルはテンプレートとして使えます。
         */
        get: operations["ImportController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalogue/template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 取り込み用テンプレート（見出しだけの xlsx / csv） */
        get: operations["ImportController_template"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/follow-up/due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 期日を迎えた・過ぎた定着フォローの確認日（担当地区の本人のみ、古い順） */
        get: operations["WorklistController_due"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/follow-up/due-dates/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 既存の計画の確認日を、いまの営業日の規則で計算しなおす（1 回限りの提案。apply: true で移動、省略時は試算のみ） */
        post: operations["FollowUpCalendarController_recompute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/follow-up/next-steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 次の一歩を待つ紹介：見学日が未定の提案、体験日が過ぎた体験、最後の確認日を迎えた参加・受入 */
        get: operations["WorklistController_nextSteps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/follow-up/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 今日の自分の一覧（ホーム用）：期限超過・今日までの確認日・その後の様子確認・未読の至急の懸念（朝のメールと同じ項目。メールには名前・場所を書かない） */
        get: operations["FollowUpCalendarController_due"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HSDS の版と、このサービスの分類（taxonomy） */
        get: operations["HsdsController_about"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds/dataset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** カタログ全体を HSDS JSON のデータセットとして書き出す（organizations に services を含む・taxonomy 付き） */
        get: operations["HsdsController_dataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HSDS organizations（受入先）の一覧。page / per_page で頁送り */
        get: operations["HsdsController_organizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HSDS organization 一件（その services を含む） */
        get: operations["HsdsController_organization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HSDS services（資源）の一覧。page / per_page で頁送り */
        get: operations["HsdsController_services"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HSDS service 一件（location・schedule・service_capacity・attribute を含む） */
        get: operations["HsdsController_service"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hsds/taxonomy_terms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** このサービスの分類の語（taxonomy_term） */
        get: operations["HsdsController_taxonomyTerms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 社会資源リスト（.xlsx / .csv）または HSDS データセット（JSON）の取り込みを始める（まだ登録しない）
         * @description multipart の file にファイル（20 MB まで）。CSV は UTF-8（BOM の有無を問わず）または Shift_JIS。読み込みと照合は裏で行われ、GET /api/v1/imports/{id} で進み具合とプレビュー（作成・更新・変更なし・取り込めない行と、その理由）を確認してから確定します。
         */
        post: operations["ImportController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 取り込みの状態・進み具合・プレビュー（行ごとの作成・更新・取り込めない理由） */
        get: operations["ImportController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * プレビューした取り込みを確定する（一つのトランザクション）
         * @description mode: all はすべての行（取り込めない行があれば 409）、valid_only は取り込める行だけ。確定は裏で行われ、状態は committed になります。
         */
        post: operations["ImportController_commit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 招待・再設定リンクでパスワードを設定する（リンクは 1 回限り。設定するとその利用者の既存のセッションは終了） */
        post: operations["SessionController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/matches/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 本人の希望（日本語の自由記述）に合う資源を順位付けして返す
         * @description 意味の近さ（ベクトル）・キーワード一致・本人の条件への適合を組み合わせた順位と、その理由（日本語）を返します。filters は必ず守られる条件です。応答の needsLong が true のとき、希望の文章が埋め込みモデルの窓（512 トークン）より長かったため、重なりのある複数の区切り（needsChunks 個）に分けて埋め込み、トークン数で重み付けして平均しました。文章の最後まですべて検索に反映されています（切り捨てなし）。
         */
        post: operations["MatchController_search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 呼び出している利用者（セッションの利用者、または API トークンの持ち主） */
        get: operations["SessionController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/calendar-feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 自分の確認日・見学・体験をカレンダー（Outlook・Google・Garoon など）に配信する URL を発行する（URL はこの応答でだけ表示。再発行で以前の URL は無効） */
        post: operations["FollowUpCalendarController_enableFeed"];
        /** カレンダー配信を止める（URL は直ちに使えなくなります） */
        delete: operations["FollowUpCalendarController_revokeFeed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 自分あての通知（フォローの期日・期限超過・最終確認・緊急の懸念）。admin はすべて
         * @description 担当コーディネーターがいる紹介の通知はその人に、未割当（または担当者が無効・担当地区外）の通知は本人の地区のコーディネーター全員に届きます。担当地区が限られたコーディネーターには、地区外の本人の通知は届きません。既読は読んだ人ごと
         */
        get: operations["NotificationController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 通知を既読にする（自分にとってだけ） */
        post: operations["NotificationController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 受入先の一覧（host は自団体のみ） */
        get: operations["OrganizationController_list"];
        put?: never;
        /** 受入先（団体）を登録する */
        post: operations["OrganizationController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 受入先の詳細 */
        get: operations["OrganizationController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 受入先の情報を更新する（host は自団体のみ） */
        patch: operations["OrganizationController_update"];
        trace?: never;
    };
    "/api/v1/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人の一覧（表示名・地区・同意・自立の段階・担当で絞り込み） */
        get: operations["ParticipantController_list"];
        put?: never;
        /** 本人を登録する（仮名・コードでよい） */
        post: operations["ParticipantController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/participants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人の記録（コーディネーター向け、全項目） */
        get: operations["ParticipantController_get"];
        put?: never;
        post?: never;
        /** 本人の記録を消去する（個人情報を削除し、過去の集計のための記録だけを残す） */
        delete: operations["ParticipantController_erase"];
        options?: never;
        head?: never;
        /** 本人の記録を更新する（希望を変えると再度埋め込み） */
        patch: operations["ParticipantController_update"];
        trace?: never;
    };
    "/api/v1/participants/{id}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 本人同意を記録する（status・方法・受入先に見せてよい項目）。撤回は即時に反映 */
        put: operations["ParticipantController_consent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/participants/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人同意の履歴（新しい順：状態・方法・日付・受入先に見せてよい項目） */
        get: operations["ParticipantController_consents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/participants/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人について保有するすべての情報を JSON で出力する（個人情報の開示請求用、監査ログに記録） */
        get: operations["ParticipantController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/participants/{id}/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人の参加支援プランの一覧（策定日の新しい順、監査ログに記録） */
        get: operations["PlanController_list"];
        put?: never;
        /** 参加支援プランを記録する（初回 initial / 見直し revision）。本人同意が必要。策定日は今日以前で 90 日前まで。消去した本人には記録できない */
        post: operations["PlanController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 紹介の一覧（本人・資源・担当・状態で絞り込み）。host は自団体の資源の紹介のみ、同意の範囲で表示 */
        get: operations["PlacementController_list"];
        put?: never;
        /** 資源への紹介を提案する（本人同意が必要）。rematchedFrom でつなぎなおし元の紹介と結ぶ */
        post: operations["PlacementController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 紹介の詳細（フォロー計画・確認日・記録を含む） */
        get: operations["PlacementController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements/{id}/checkins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 定着フォローの記録（出席・調子・受入先の所見・懸念）。urgent はすぐ通知 */
        post: operations["FollowUpController_checkin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements/{id}/dates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 見学・体験の日付を確定する（受入先も可） */
        post: operations["PlacementController_confirmDates"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements/{id}/follow-up/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** フォロー期間を延長する（延長は記録されます） */
        post: operations["FollowUpController_extend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements/{id}/host-feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 確認日に受入先から見た様子を記録する（その確認日の記録に含まれます） */
        post: operations["FollowUpController_hostFeedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/placements/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 状態を進める：visit 見学 / trial 体験 / active 参加・受入（フォロー開始）/ closed 終結（outcome 必須） */
        post: operations["PlacementController_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/fiscal-year/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 年度集計（4月〜翌年3月）：月ごとと年度合計
         * @description まだ始まっていない月は months の中で null。進行中の年度・月は inProgress: true で現在時点の数値。始まっていない年度は 400。format=xlsx は年度シート（指標×4月〜3月・合計）と年度の地区別・種別別のシートの Excel ブック。suppressBelow で小さな数を秘匿（月と年度をまとめて秘匿するので、年度から他の月を引いても戻らない）。
         */
        get: operations["ReportController_fiscalYear"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/monthly/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 月次集計（日本時間の暦月）。締めた月はスナップショット（snapshotAt）を返し、live=true で再計算
         * @description 数値は月末と現在の早い方の時点（asOf）のもの。進行中の月は inProgress: true（CSV の表題と期間に「集計途中」）、まだ始まっていない月は 400。rulesVersion は集計規則の版、servedFromSnapshot はスナップショットをそのまま返したかどうか（スナップショットは作成時の版のまま。live=true は現在の規則で再計算）。format=xlsx は月のシートと地区別・種別別のシートの Excel ブック。suppressBelow で小さな数を秘匿。
         */
        get: operations["ReportController_monthly"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/monthly/{month}/figures/{key}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 集計の内訳の記録（ドリルダウン）：その月の指標に数えた紹介・本人・確認日・検索など
         * @description area・type で内訳の 1 セルに絞る。地区を限られたコーディネーターには担当地区の本人の記録だけを返す。記録は現在のデータから数える（スナップショット後の修正があれば数値と違うことがある）。閲覧者（viewer）は集計のみで、この一覧は使えない。本人の記録の参照は監査ログに残る。
         */
        get: operations["ReportController_records"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 資源の一覧（種別・地区・状態・団体・キーワードで絞り込み）。host は自団体のみ。 */
        get: operations["ResourceController_list"];
        put?: never;
        /** 資源（居場所・就労体験・ボランティア等の受入枠）を登録する。host は自団体のみ。 */
        post: operations["ResourceController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 資源の詳細（embedding.status が ready になると検索対象） */
        get: operations["ResourceController_get"];
        put?: never;
        post?: never;
        /** 資源を削除する（紹介記録がある場合は不可。status を closed にしてください） */
        delete: operations["ResourceController_delete"];
        options?: never;
        head?: never;
        /** 資源を更新する（説明を変えると再度埋め込みが行われます） */
        patch: operations["ResourceController_update"];
        trace?: never;
    };
    "/api/v1/resources/{id}/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** この資源に合いそうな、紹介待ちの本人（同意取得済み・進行中の紹介なし）の一覧 */
        get: operations["MatchController_candidates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/resources/{id}/vacancies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 空き数を増減する（同時更新でも 0 未満・定員超過にはなりません） */
        post: operations["ResourceController_adjustVacancies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 今のセッション（残り時間と csrfToken）。X-Background: 1 なら無操作の時間を延ばさない */
        get: operations["SessionController_current"];
        put?: never;
        /**
         * パスワードでサインインする（httpOnly・SameSite=Strict の Cookie「sanka_session」を設定）
         * @description 失敗が続くとログイン ID ごと・接続元ごとに一時的にロックされます（423、Retry-After）。応答の csrfToken を、Cookie で認証する POST/PUT/PATCH/DELETE の X-CSRF-Token ヘッダーに付けてください。
         */
        post: operations["SessionController_signIn"];
        /** サインアウトする（サーバー側のセッションを削除し、Cookie を消す） */
        delete: operations["SessionController_signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** トークンの一覧（秘密の値は含みません） */
        get: operations["ApiTokenController_list"];
        put?: never;
        /** トークンを発行する（秘密の値はこの応答でだけ表示されます） */
        post: operations["ApiTokenController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** トークンを失効させる（即時に有効） */
        delete: operations["ApiTokenController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/unmet-needs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未充足ニーズの一覧（新しい順。地区・種別で絞り込み。page または cursor で続きを取得。地区を限られたコーディネーターには担当地区の記録だけ） */
        get: operations["UnmetNeedController_list"];
        put?: never;
        /** 未充足ニーズを記録する（地区・望まれた種別・本人を特定しない短い要約。受入先の開拓と集計に使う） */
        post: operations["UnmetNeedController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 利用者の一覧 */
        get: operations["UserController_list"];
        put?: never;
        /**
         * 利用者（職員）を作成し、1 回限りの招待リンクを発行する（リンクはこの応答でだけ表示。72 時間有効）
         * @description admin はすべての役割を作成できます。受入先の職員管理者（organizationAdmin の host、サインイン中のみ）は自団体の職員（role: host、organizationId は省略可）だけを招待できます。ほかの host は 403
         */
        post: operations["UserController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 利用者を更新する。status: disabled で直ちにセッションを終了し、その人の API トークンを失効させる */
        patch: operations["UserController_update"];
        trace?: never;
    };
    "/api/v1/users/{id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 新しいリンクを発行する（パスワード未設定なら招待、設定済みならパスワード再設定）。それまでの未使用リンクは使えなくなる */
        post: operations["UserController_issueLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/web-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 画面の設定（受入枠の更新を促すまでの日数など） */
        get: operations["WebSettingsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** データベース・Redis・埋め込みモデルの状態（すべて使えるとき 200、それ以外は 503） */
        get: operations["HealthController_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptedInvitationDto: {
            displayName: string;
            /** @description サインインに使うログイン ID */
            login: string;
            /** @enum {string} */
            status?: "active";
        };
        AcceptInvitationDto: {
            /**
             * Format: password
             * @description 新しいパスワード（12 文字以上。記号や数字を混ぜる必要はありません。よく使われるもの、ログイン ID を含むものは使えません）
             */
            password: string;
            /** @description 招待・再設定リンク（invitationUrl）の最後の部分 */
            token: string;
        };
        AdjustVacanciesDto: {
            /**
             * @description 空き数の増減（-1 で 1 名分埋まる、+1 で 1 名分空く）
             * @example -1
             */
            delta: number;
        };
        AfterClosureContactDto: {
            /** @example 180 */
            daysAfterClosure: number;
            /**
             * @description 期日（営業日）
             * @example 2027-05-28
             */
            dueOn: string;
            /** Format: uuid */
            id: string;
            /** @example その後の様子確認 */
            label: string;
            /**
             * @description 終結日＋日数
             * @example 2027-05-29
             */
            nominalDueOn: string;
            /** @enum {string} */
            status: "scheduled" | "done" | "cancelled";
        };
        ApiTokenDto: {
            areas: string[] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description 最後に使われた日時
             */
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            organizationId: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "coordinator" | "host" | "viewer";
            /**
             * Format: uuid
             * @description このトークンが代理する利用者
             */
            userId: string | null;
        };
        AuditEntryDto: {
            /** @description read 閲覧 / write 変更 / export 出力 / erase 消去、またはアカウントの操作（sign_in など） */
            action: string;
            /** Format: date-time */
            at: string;
            /** @description 扱った項目 */
            fields: string[];
            id: string;
            /** Format: uuid */
            participantId: string | null;
            /** @enum {string} */
            role: "admin" | "coordinator" | "host" | "viewer";
            /** @description 経路（メソッドと API のパス） */
            route: string;
            /**
             * Format: uuid
             * @description アカウントの操作の対象の利用者
             */
            subjectUserId: string | null;
            /** Format: uuid */
            tokenId: string | null;
            /**
             * Format: uuid
             * @description 操作した利用者
             */
            userId: string | null;
            /** @description 操作した利用者の表示名 */
            userName: string | null;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditEntryDto"][];
            limit: number;
            /** @description 次のページの cursor（これを cursor に渡す。最後のページでは null） */
            nextCursor: string | null;
            page: number;
            total: number;
            /** @description true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数 */
            totalEstimated: boolean;
        };
        CalendarFeedDto: {
            /**
             * @description 個人用カレンダー配信（iCalendar）の URL。秘密を含むため、この応答でだけ表示します（再発行で以前の URL は無効）
             * @example https://sanka.example.jp/api/v1/calendar-feeds/3q2-…ics
             */
            url: string;
        };
        CandidateParticipantView: {
            ageBand: string | null;
            area: string;
            displayName: string;
            id: string;
            /** @enum {string|null} */
            readinessStage: "daily_living" | "social_life" | "employment" | null;
        };
        CandidateResourceView: {
            id: string;
            /** @enum {string} */
            status: "open" | "paused" | "closed";
            title: string;
            vacancies: number;
        };
        CandidatesResponse: {
            candidates: components["schemas"]["CandidateView"][];
            model: string;
            resource: components["schemas"]["CandidateResourceView"];
        };
        CandidateView: {
            /** @description 注意（日本語）: 本人の条件に合わない点 */
            cautions: string[];
            participant: components["schemas"]["CandidateParticipantView"];
            /** @description 合う理由（日本語） */
            reasons: string[];
            score: number;
        };
        CheckinDto: {
            actorRole: string;
            /** @enum {string} */
            attendance: "attended" | "late" | "absent_notified" | "absent";
            /** Format: uuid */
            checkpointId: string | null;
            /** @enum {string} */
            concern: "none" | "watch" | "urgent";
            /** Format: date-time */
            createdAt: string;
            /** @example 2026-11-29 */
            date: string;
            hostFeedback: string | null;
            /** Format: uuid */
            id: string;
            note: string | null;
            wellbeing: number;
        };
        CommitImportDto: {
            /**
             * @description all: すべての行を一度に（取り込めない行があれば確定しない） / valid_only: 取り込める行だけ
             * @enum {string}
             */
            mode: "all" | "valid_only";
        };
        ConfirmDatesDto: {
            /** @example 2026-12-09 */
            trialDate?: string;
            /** @example 2026-12-02 */
            visitDate?: string;
        };
        ConsentDto: {
            /**
             * @description 同意の日付（省略時は今日、日本時間）
             * @example 2026-11-20
             */
            date?: string;
            /** @example 面談で口頭と書面により確認 */
            method: string;
            /** @description 受入先に見せてよい項目 */
            scope: ("displayName" | "ageBand" | "strengths" | "considerationsForHost" | "healthNote" | "disabilityNote" | "criminalRecordNote" | "householdNote")[];
            /** @enum {string} */
            status: "obtained" | "withdrawn";
        };
        ConsentEventView: {
            /** @description 同意（撤回）の日付。古い記録では空 */
            date: string | null;
            id: string;
            method: string | null;
            /**
             * Format: date-time
             * @description 記録した日時
             */
            recordedAt: string;
            scope: ("displayName" | "ageBand" | "strengths" | "considerationsForHost" | "healthNote" | "disabilityNote" | "criminalRecordNote" | "householdNote")[];
            /** @enum {string} */
            status: "not_obtained" | "obtained" | "withdrawn";
        };
        ConsentHistory: {
            items: components["schemas"]["ConsentEventView"][];
        };
        ConsentView: {
            /** @example 2026-11-20 */
            date: string | null;
            method: string | null;
            scope: ("displayName" | "ageBand" | "strengths" | "considerationsForHost" | "healthNote" | "disabilityNote" | "criminalRecordNote" | "householdNote")[];
            /** @enum {string} */
            status: "not_obtained" | "obtained" | "withdrawn";
        };
        ContactDto: {
            /** @example info@example.jp */
            email?: string;
            /** @example 担当 山田 */
            person?: string;
            /** @example 0000-00-0000 */
            phone?: string;
        };
        ContactView: {
            email?: string;
            person?: string;
            phone?: string;
        };
        CoordinatorRef: {
            /** @example 山田 花子 */
            displayName: string;
            /** Format: uuid */
            id: string;
        };
        CreateCheckinDto: {
            /**
             * @description attended 参加 / late 遅刻 / absent_notified 連絡ありの欠席 / absent 無断欠席
             * @enum {string}
             */
            attendance: "attended" | "late" | "absent_notified" | "absent";
            /** @description 対応する確認日（checkpoint）の id。省略時は期日を過ぎた最も古い確認日に充てます */
            checkpointId?: string;
            /**
             * @description urgent はすぐ担当者に通知
             * @default none
             * @enum {string}
             */
            concern: "none" | "watch" | "urgent";
            /**
             * @description 面談・確認の日付（日本時間の日付）
             * @example 2026-11-20
             */
            date: string;
            /** @description 受入先から見た様子 */
            hostFeedback?: string;
            note?: string;
            /** @description 本人の調子（1 とても悪い 〜 5 とても良い） */
            wellbeing: number;
        };
        CreatedApiTokenDto: {
            areas: string[] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description 最後に使われた日時
             */
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            organizationId: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @enum {string} */
            role: "admin" | "coordinator" | "host" | "viewer";
            /** @description 秘密の値（この応答でだけ表示されます。保存されるのはハッシュだけ） */
            token: string;
            /**
             * Format: uuid
             * @description このトークンが代理する利用者
             */
            userId: string | null;
        };
        CreateOrganizationDto: {
            /**
             * @description 市町村が使う地区名
             * @example 中央
             */
            area?: string | null;
            contact?: components["schemas"]["ContactDto"];
            /**
             * @description developing 開拓中 / accepting 受入可 / suspended 休止
             * @enum {string}
             */
            developmentStatus?: "developing" | "accepting" | "suspended";
            /** @enum {string} */
            kind: "npo" | "social_welfare_council" | "social_welfare_corporation" | "company" | "farm" | "shop" | "neighbourhood_association" | "municipality" | "cooperative" | "disability_service" | "school" | "religious" | "general_incorporated_association" | "medical_corporation" | "commerce_association" | "citizen_group" | "other";
            /**
             * @description kind が other のときの種別の名前
             * @example 社団法人（旧制度）
             */
            kindLabel?: string | null;
            /** @example NPO法人みどりの木 */
            name: string;
            notes?: string | null;
        };
        CreateParticipantDto: {
            /** @example 30代 */
            ageBand?: string | null;
            /** @example 中央 */
            area: string;
            /** @description 受入先に伝えたい配慮（本人の同意範囲で表示） */
            considerationsForHost?: string | null;
            constraints?: components["schemas"]["ParticipantConstraintsDto"];
            /**
             * Format: uuid
             * @description 担当コーディネーター（利用者 id）。省略時はコーディネーターが登録すれば本人、admin なら未割当（null）。ほかのコーディネーターを指定できるのは admin だけで、その人の担当地区に本人の地区が含まれている必要があります
             */
            coordinatorId?: string | null;
            /** @description 犯罪歴等（要配慮個人情報） */
            criminalRecordNote?: string | null;
            /** @description 障害（要配慮個人情報） */
            disabilityNote?: string | null;
            /**
             * @description 仮名・コード（実名でなくてよい）
             * @example Aさん
             */
            displayName: string;
            /** @description 健康状態（要配慮個人情報） */
            healthNote?: string | null;
            /** @description 世帯の状況（要配慮） */
            householdNote?: string | null;
            /** @description 本人の希望・やりたいこと・苦手なこと（2000 文字以内） */
            needs: string;
            /**
             * @description daily_living 日常生活自立 / social_life 社会生活自立 / employment 就労自立
             * @enum {string|null}
             */
            readinessStage?: "daily_living" | "social_life" | "employment" | null;
            /** @description 実名（任意） */
            realName?: string | null;
            /** @enum {string} */
            referralRoute?: "hospital" | "school" | "care_manager" | "family" | "outreach" | "self" | "other";
            /** @description 得意なこと・興味 */
            strengths?: string | null;
        };
        CreatePlacementDto: {
            /** @description コーディネーターのメモ（受入先には表示されません） */
            note?: string;
            participantId: string;
            /** @description つなぎなおし：終結（outcome: rematched）した同じ本人の紹介の id。その紹介の rematchedTo がこの紹介になります */
            rematchedFrom?: string;
            resourceId: string;
        };
        CreatePlanDto: {
            /**
             * @description 策定日（YYYY-MM-DD、東京の日付）。今日以前で、90 日前まで
             * @example 2026-11-27
             */
            madeOn: string;
            /** @description 短いメモ（本人を特定できる内容・希望・健康・世帯のことは書かない）。本人の記録を消去すると消えます */
            note?: string;
            /**
             * @description initial 初回の策定 / revision 見直し（初回のプランが先に必要）
             * @enum {string}
             */
            planKind: "initial" | "revision";
        };
        CreateResourceDto: {
            /** @description 本来の対象外の人も受け入れるか */
            acceptsOutsideEligibility?: boolean;
            /** @description 最寄り駅・バス停からの所要時間（分） */
            accessMinutes?: number | null;
            /** @description 配慮・受入れ条件（README の一覧を参照） */
            accommodations?: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
            address?: string | null;
            /**
             * @description 市町村が使う地区名
             * @example 中央
             */
            area: string;
            capacity: number;
            demands?: components["schemas"]["DemandsDto"];
            /** @description 活動の説明（この文章が意味検索に使われます） */
            description: string;
            /** @example 月2回（第1・第3水曜） */
            frequencyNote?: string | null;
            latitude?: number | null;
            longitude?: number | null;
            /** @example みどり中央駅 */
            nearestStation?: string | null;
            organizationId: string;
            /**
             * @description unpaid 無償 / honorarium 謝礼 / paid 有償
             * @enum {string}
             */
            reward?: "unpaid" | "honorarium" | "paid";
            schedule: components["schemas"]["ScheduleSlotDto"][];
            /**
             * @default open
             * @enum {string}
             */
            status: "open" | "paused" | "closed";
            /**
             * @example [
             *       "草取り",
             *       "収穫"
             *     ]
             */
            tasks?: string[];
            /** @example 農園での草取り・収穫体験 */
            title: string;
            /**
             * @description ibasho 居場所 / work_experience 就労体験 / volunteer ボランティア / housing_support 住まい支援 / other
             * @enum {string}
             */
            type: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other";
            /** @description 現在の空き（capacity 以下） */
            vacancies: number;
        };
        CreateTokenDto: {
            /**
             * @description coordinator を担当地区に限定する（省略時は全地区）
             * @example [
             *       "中央",
             *       "東部"
             *     ]
             */
            areas?: string[];
            /**
             * @description 有効期限（ISO 8601）
             * @example 2027-03-31T23:59:59+09:00
             */
            expiresAt?: string;
            /**
             * @description トークンの名前（誰・何に渡すか）
             * @example みどり社協 参加支援担当
             */
            name: string;
            /** @description host トークンの受入先 id */
            organizationId?: string;
            /**
             * @description admin: 全権限 / coordinator: 参加支援コーディネーター / host: 受入先（1 団体に限定） / viewer: 集計のみ
             * @enum {string}
             */
            role: "admin" | "coordinator" | "host" | "viewer";
            /** @description トークンの持ち主（利用者 id）。トークンは持ち主の権限を超えず、持ち主を無効にすると失効します。省略時は自動処理用（持ち主なし） */
            userId?: string;
        };
        CreateUnmetNeedDto: {
            /** @example 中央 */
            area: string;
            /**
             * @description 望まれた資源の種別（分からなければ省略）
             * @enum {string}
             */
            resourceType?: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other";
            /**
             * @description コーディネーターが書く、本人を特定しない短い要約（200 文字以内）。本人の希望の文章そのものは書かない
             * @example 平日午前に座ってできる軽作業。駅から徒歩圏
             */
            summary: string;
        };
        CreateUserDto: {
            /**
             * @description coordinator の担当地区（省略時は全地区）
             * @example [
             *       "中央"
             *     ]
             */
            areas?: string[];
            /**
             * @description 表示名（画面・記録に出る名前）
             * @example 山田 花子
             */
            displayName: string;
            /** @description 通知・招待リンク送付用のメールアドレス（ログイン ID とは別。SMTP_URL 設定時は招待リンクをここへ送ります） */
            email?: string;
            /**
             * @description ログイン ID：メールアドレスまたは自由なログイン名（空白なし、大文字・小文字は区別しません）
             * @example yamada@midori-shakyo.example.jp
             */
            login: string;
            /** @description 受入先の職員管理者（host だけ）：サインインしている間、自団体の職員（host）を招待できます。省略時は false */
            organizationAdmin?: boolean;
            /** @description host の受入先 id（host では必須、ほかの役割では指定できません） */
            organizationId?: string;
            /**
             * @description admin: 管理者 / coordinator: 参加支援コーディネーター / host: 受入先の職員 / viewer: 集計のみ
             * @enum {string}
             */
            role: "admin" | "coordinator" | "host" | "viewer";
        };
        DemandsDto: {
            /**
             * @description 読み書き
             * @enum {string}
             */
            literacy?: "low" | "medium" | "high";
            /**
             * @description 体力（身体的負担）
             * @enum {string}
             */
            physical?: "low" | "medium" | "high";
            /**
             * @description 人と話す量
             * @enum {string}
             */
            talking?: "low" | "medium" | "high";
        };
        DemandsView: {
            /** @enum {string} */
            literacy: "low" | "medium" | "high";
            /** @enum {string} */
            physical: "low" | "medium" | "high";
            /** @enum {string} */
            talking: "low" | "medium" | "high";
        };
        DependencyStatusDto: {
            /** @description down のときの理由（個人情報は含みません） */
            error?: string;
            /** @enum {string} */
            status: "up" | "down";
        };
        DueCheckpointDto: {
            /** Format: uuid */
            checkpointId: string;
            /** @description 開始からの日数 */
            dayOffset: number;
            /** @example 2026-11-29 */
            dueOn: string;
            /** @description 最後の確認日 */
            isFinal: boolean;
            /** @description 期日（日本時間の日付）を過ぎている */
            overdue: boolean;
            participant: components["schemas"]["WorklistParticipantDto"];
            /** Format: uuid */
            placementId: string;
            resourceTitle: string;
            /** @enum {string} */
            status: "scheduled" | "due" | "overdue";
        };
        DueCheckpointPageDto: {
            items: components["schemas"]["DueCheckpointDto"][];
            limit: number;
            page: number;
            /**
             * @description 基準にした今日（日本時間）
             * @example 2026-11-29
             */
            today: string;
            total: number;
        };
        DueItemDto: {
            checkpointId?: string | null;
            /** @description 開始からの日数（その後の様子確認は終結からの日数） */
            dayOffset?: number | null;
            /** @description 本人の表示名（仮名） */
            displayName: string;
            /** @description 期日（営業日） */
            dueOn?: string | null;
            /**
             * @description 期限超過 / 期日 / その後の様子確認 / 未読の至急の懸念
             * @enum {string}
             */
            kind: "overdue" | "due" | "after_closure" | "urgent";
            /** @description 見出し（例: その後の様子確認） */
            label: string;
            /** @description 計画上の日 */
            nominalDueOn?: string | null;
            placementId: string;
            /** @description 場所（資源名） */
            resourceTitle: string;
        };
        DueListDto: {
            items: components["schemas"]["DueItemDto"][];
            /** @description 今日（日本時間） */
            today: string;
        };
        EmbeddingStateView: {
            model: string | null;
            /** @enum {string} */
            status: "pending" | "ready" | "failed";
        };
        ExtendFollowUpDto: {
            /** @description 延長期間内の確認日（延長開始からの日数） */
            checkpointDays?: number[];
            /** @description 延長する日数（既定はサービスの標準期間） */
            lengthDays?: number;
            note?: string;
        };
        FigureDto: {
            /** @description 内訳の種類（area, type, outcome, referralRoute, readinessStage, areaFilter, typeFilter）ごとの値 */
            breakdowns?: {
                [key: string]: {
                    [key: string]: number | components["schemas"]["SuppressedCellDto"];
                };
            };
            /** @example 秘匿 */
            display?: string;
            /** @example matches.total */
            key: string;
            /** @example マッチング件数：参加・受入の開始（延べ） */
            label: string;
            /** @enum {boolean} */
            suppressed?: true;
            /** @description 分母が 0 の率（画面と Excel では「—」）や秘匿した値は null */
            value: number | null;
        };
        FiscalYearPeriodDto: {
            /** @example 2025 */
            fiscalYear: number;
            /** @example 2025-04-01 */
            from: string;
            /** @enum {string} */
            timeZone: "Asia/Tokyo";
            /** @example 2026-03-31 */
            to: string;
        };
        FiscalYearReportDto: {
            inProgress: boolean;
            /** @description 4月〜3月。まだ始まっていない月は null */
            months: (components["schemas"]["MonthReportDto"] | null)[];
            period: components["schemas"]["FiscalYearPeriodDto"];
            rulesVersion: number;
            suppressBelow: number | null;
            total: components["schemas"]["FiscalYearTotalDto"];
            unmetThreshold: number;
        };
        FiscalYearTotalDto: {
            /** Format: date-time */
            asOf: string;
            figures: components["schemas"]["FigureDto"][];
            inProgress: boolean;
            live: boolean;
            rulesVersion: number;
        };
        FollowUpCheckpointDto: {
            /** @description 開始からの日数 */
            dayOffset: number;
            /**
             * @description 期日（営業日。休業日にあたる計画日は前の営業日へ）
             * @example 2026-12-11
             */
            dueOn: string;
            /** Format: uuid */
            id: string;
            /** @description 最後の確認日（終結・延長・つなぎなおしを決める日） */
            isFinal: boolean;
            /**
             * @description 計画上の日（開始日＋日数）
             * @example 2026-12-13
             */
            nominalDueOn: string;
            /**
             * @description この確認日に記録できる最初の日（期日の 7 日前）。これより前は記録・受入先の所見を付けられません
             * @example 2026-12-04
             */
            opensOn: string;
            /**
             * @description scheduled 予定 / due 期日 / overdue 期限超過 / done 記録済み / cancelled 取消
             * @enum {string}
             */
            status: "scheduled" | "due" | "overdue" | "done" | "cancelled";
        };
        FollowUpOptionsDto: {
            /**
             * @description 確認日（開始からの日数）。既定は 14, 28, 60, 90。0 はすぐ
             * @example [
             *       14,
             *       28,
             *       60,
             *       90
             *     ]
             */
            checkpointDays?: number[];
            /** @description フォロー期間（日）。既定は 90 */
            lengthDays?: number;
        };
        FollowUpPlanDto: {
            checkpointDays: number[];
            /** @example 2027-02-27 */
            endsOn: string;
            extension: boolean;
            lengthDays: number;
            /** @description 1 が最初の計画、2 以降は延長 */
            sequence: number;
            /** @example 2026-11-29 */
            startsOn: string;
        };
        HealthDto: {
            /** @description 最後に成功したバックアップ（lastSuccessAt, ageHours, sizeBytes, durationMs, lockedMs, schedule, warning?）。docs/backup.md */
            backup?: Record<string, never> | null;
            database: components["schemas"]["DependencyStatusDto"];
            /** @description 使っている埋め込みモデル（state: ready / fallback / loading / failed、名前、設定されたモデル） */
            embeddingModel: Record<string, never>;
            redis: components["schemas"]["DependencyStatusDto"];
            /** @enum {string} */
            role: "api" | "worker" | "all";
            /** @enum {string} */
            status: "ok" | "unavailable";
            /** @description このプロセスの検索用ベクトル索引（state: off / loading / ready / failed / too_large、model、rows、loadedAt、checkedAt）。最初の検索で読み込まれ、変更は約 1 秒以内に反映されます。null: 使わない設定（SEARCH_VECTOR_INDEX=false） */
            vectorIndex?: Record<string, never> | null;
            /** @description 動作はしているが注意が必要なこと（代替モデルで動作中、バックアップが古いなど） */
            warnings: string[];
        };
        HostFeedbackDto: {
            checkpointId: string;
            /** @description 受入先から見た様子 */
            feedback: string;
        };
        HsdsObjectDto: {
            id?: string;
            name?: string;
        };
        HsdsPageDto: {
            contents?: Record<string, never>[];
            empty?: boolean;
            first_page?: boolean;
            last_page?: boolean;
            page_number?: number;
            size?: number;
            total_items?: number;
            total_pages?: number;
        };
        IgnoreUnderstoodDto: {
            /**
             * @description 読み取った条件の項目（応答の understood[].field）
             * @enum {string}
             */
            field: "avoid" | "preferredAccommodations" | "availableDays" | "timeOfDay" | "sessionsPerWeek" | "sessionMinutes" | "maxTravelMinutes" | "travel" | "setting" | "reward" | "concept" | "avoidConcept";
            /** @description 読み取った条件の値（応答の understood[].value） */
            value: string | number;
        };
        ImportChangeDto: {
            /** @description 項目（テンプレートの見出し） */
            field: string;
            /** @description いまの値 */
            from: string;
            /** @description 確定後の値 */
            to: string;
        };
        ImportColumnDto: {
            /**
             * @description 割り当てた項目（null: 読み込まない）
             * @enum {string|null}
             */
            field: "externalId" | "organizationName" | "organizationKind" | "type" | "title" | "description" | "tasks" | "target" | "area" | "address" | "nearestStation" | "accessMinutes" | "days" | "time" | "frequency" | "capacity" | "vacancies" | "reward" | "accommodations" | "visit" | "accompany" | "trial" | "demandTalking" | "demandPhysical" | "demandLiteracy" | "acceptsOutsideEligibility" | "status" | "contactPerson" | "phone" | "email" | "contact" | "notes" | null;
            /** @description ファイルの見出し */
            header: string;
            /** @description 列の位置（0 から） */
            index: number;
        };
        ImportDetailsDto: {
            /** @description 列の割り当て（見出し → 項目） */
            columns?: components["schemas"]["ImportColumnDto"][];
            /** @description 判定した文字コード（csv） */
            encoding?: string | null;
            /** @description 見出しの行（1 から）。HSDS にはない */
            headerRow?: number;
            /** @description ファイル全体についての注意 */
            notes?: components["schemas"]["ImportNoteDto"][];
            /** @description 読み込んだシート（xlsx） */
            sheet?: string | null;
        };
        ImportDto: {
            /** @description 見出しの行・列の割り当て・ファイル全体についての注意 */
            details: components["schemas"]["ImportDetailsDto"];
            /** @description 失敗したときの理由 */
            error?: string | null;
            /** @description 列を割り当てられる項目（mapping の値に使う名前と表示名） */
            fields: components["schemas"]["ImportFieldDto"][];
            filename: string;
            /** @enum {string} */
            format: "xlsx" | "csv" | "hsds";
            id: string;
            /** @description 0〜100 */
            progress: number;
            rows: components["schemas"]["ImportRowDto"][];
            /** @enum {string} */
            status: "parsing" | "previewed" | "committing" | "committed" | "failed";
            summary: components["schemas"]["ImportSummaryDto"];
        };
        ImportFieldDto: {
            /** @description テンプレートの見出し（画面の表示名） */
            label: string;
            /** @enum {string} */
            name: "externalId" | "organizationName" | "organizationKind" | "type" | "title" | "description" | "tasks" | "target" | "area" | "address" | "nearestStation" | "accessMinutes" | "days" | "time" | "frequency" | "capacity" | "vacancies" | "reward" | "accommodations" | "visit" | "accompany" | "trial" | "demandTalking" | "demandPhysical" | "demandLiteracy" | "acceptsOutsideEligibility" | "status" | "contactPerson" | "phone" | "email" | "contact" | "notes";
        };
        ImportMatchDto: {
            /** @enum {string} */
            by: "externalId" | "id" | "organizationTitle";
            /** @description 一致した資源（団体名 / 活動名） */
            label: string;
            resourceId: string;
        };
        ImportMessageDto: {
            /** @description 列（見出し） */
            column: string;
            /** @enum {string} */
            level: "warning" | "error";
            /** @description 何が問題か、何が期待されるか */
            message: string;
            /** @description セルの値 */
            value: string;
        };
        ImportNoteDto: {
            column: string;
            message: string;
            /** @description 行番号（0: ファイル全体） */
            row: number;
            value: string;
        };
        ImportRowDto: {
            /** @enum {string} */
            action: "create" | "update" | "unchanged" | "refused";
            /** @description 更新の行で変わる項目（いまの値 → 確定後の値） */
            changes: components["schemas"]["ImportChangeDto"][];
            /** @description この行の団体名 */
            host: string | null;
            match?: components["schemas"]["ImportMatchDto"] | null;
            messages: components["schemas"]["ImportMessageDto"][];
            /** @description ファイルの行番号（HSDS ではサービスの順番） */
            row: number;
            /** @description この行の活動名 */
            title: string | null;
        };
        ImportStartedDto: {
            id: string;
            /** @enum {string} */
            status: "parsing" | "previewed" | "committing" | "committed" | "failed";
        };
        ImportSummaryDto: {
            create: number;
            refused: number;
            unchanged: number;
            update: number;
            warnings: number;
        };
        InvitationLinkDto: {
            /** @description SMTP_URL が設定され、利用者にメールアドレスがあるとき、リンクをメールでも送った */
            emailed: boolean;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description リンクの有効期限（発行から 72 時間）
             */
            invitationExpiresAt: string;
            /** @description 本人に渡す 1 回限りのリンク（この応答でだけ表示されます）。最後の部分が POST /api/v1/invitations/accept の token */
            invitationUrl: string;
            /**
             * @description invite: 初めてのパスワード設定 / reset: パスワード再設定
             * @enum {string}
             */
            purpose: "invite" | "reset";
            /** @enum {string} */
            status: "invited" | "active" | "disabled";
        };
        MeDto: {
            areas: string[] | null;
            displayName: string;
            /** @description 通知用のメールアドレス（ログイン ID とは別） */
            email: string | null;
            /**
             * Format: uuid
             * @description 持ち主のない API トークン（ADMIN_TOKEN など）では null
             */
            id: string | null;
            login: string | null;
            /** @description 受入先の職員管理者（サインイン中は自団体の職員を招待できる） */
            organizationAdmin: boolean;
            /** Format: uuid */
            organizationId: string | null;
            /** @enum {string} */
            role: "admin" | "coordinator" | "host" | "viewer";
        };
        MonthPeriodDto: {
            /** @example 2025-10-01 */
            from: string;
            /** @example 2025-10 */
            month: string;
            /** @enum {string} */
            timeZone: "Asia/Tokyo";
            /** @example 2025-10-31 */
            to: string;
        };
        MonthReportDto: {
            /** Format: date-time */
            asOf: string;
            figures: components["schemas"]["FigureDto"][];
            inProgress: boolean;
            live: boolean;
            period: components["schemas"]["MonthPeriodDto"];
            rulesVersion: number;
            servedFromSnapshot: boolean;
            /** Format: date-time */
            snapshotAt: string | null;
            /** @description 小さな数の秘匿のしきい値（秘匿なしは null） */
            suppressBelow: number | null;
            unmetThreshold: number;
        };
        MovedCheckpointDto: {
            checkpointId: string;
            /** @description 移動前の期日 */
            from: string;
            /** @description 計画上の日（開始日＋日数） */
            nominalDueOn: string;
            placementId: string;
            /** @description 移動後の期日（営業日） */
            to: string;
        };
        NextStepDto: {
            participant: components["schemas"]["WorklistParticipantDto"];
            /** Format: uuid */
            placementId: string;
            /**
             * @description no_visit_date 提案のまま見学日が未定 / trial_ended 体験日が過ぎた / final_checkpoint 最後の確認日を迎えた
             * @enum {string}
             */
            reason: "no_visit_date" | "trial_ended" | "final_checkpoint";
            resourceTitle: string;
            /**
             * @description 理由の基準日（提案日・体験日・最後の確認日）
             * @example 2026-11-20
             */
            since: string;
            /** @enum {string} */
            state: "proposed" | "trial" | "active";
        };
        NextStepPageDto: {
            items: components["schemas"]["NextStepDto"][];
            limit: number;
            page: number;
            total: number;
        };
        NotificationDto: {
            /** Format: uuid */
            checkpointId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /**
             * @description 確認日・記録の期限超過・最終確認（終結か延長かの判断）・緊急の懸念・受入先が見学／体験の日付を決めた・受入先が確認日の様子を記録した
             * @enum {string}
             */
            kind: "checkpoint_due" | "checkpoint_overdue" | "decision_needed" | "urgent_concern" | "host_dates" | "host_feedback";
            /** @description 通知の文面（本人の仮名と受入先の名前を含む） */
            message: string;
            /** Format: uuid */
            placementId: string | null;
            /**
             * Format: date-time
             * @description 自分が既読にした日時（ほかの人の既読は影響しません）
             */
            readAt: string | null;
        };
        OrganizationPage: {
            items: components["schemas"]["OrganizationView"][];
            limit: number;
            page: number;
            total: number;
        };
        OrganizationRef: {
            id: string;
            name: string;
        };
        OrganizationView: {
            area: string | null;
            contact: components["schemas"]["ContactView"];
            /** Format: date-time */
            createdAt: string;
            /** @description 集計で開拓（新規の受入先）として数えるか */
            developed: boolean;
            /** @enum {string} */
            developmentStatus: "developing" | "accepting" | "suspended";
            id: string;
            /** @enum {string} */
            kind: "npo" | "social_welfare_council" | "social_welfare_corporation" | "company" | "farm" | "shop" | "neighbourhood_association" | "municipality" | "cooperative" | "disability_service" | "school" | "religious" | "general_incorporated_association" | "medical_corporation" | "commerce_association" | "citizen_group" | "other";
            name: string;
            notes: string | null;
            /**
             * @description screen: この画面・API で登録 / import: 既存の一覧から取り込み
             * @enum {string}
             */
            origin: "screen" | "import";
            /** Format: date-time */
            updatedAt: string;
        };
        ParticipantConstraintsDto: {
            availableDays?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /** @description 避けたい負担（talking 人と話す / physical 体力 / literacy 読み書き） */
            avoid?: ("talking" | "physical" | "literacy")[];
            /** @description 避けたいこと（自由記述） */
            avoidNote?: string;
            /** @description 1 週間に活動できる時間の目安 */
            hoursPerWeek?: number;
            maxTravelMinutes?: number;
            preferredAccommodations?: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
        };
        ParticipantConstraintsView: {
            availableDays?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            avoid?: ("talking" | "physical" | "literacy")[];
            avoidNote?: string;
            hoursPerWeek?: number;
            maxTravelMinutes?: number;
            preferredAccommodations?: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
        };
        ParticipantPage: {
            items: components["schemas"]["ParticipantView"][];
            limit: number;
            /** @description 次のページの cursor（これを cursor に渡す。最後のページでは null） */
            nextCursor: string | null;
            page: number;
            total: number;
            /** @description true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数 */
            totalEstimated: boolean;
        };
        ParticipantView: {
            ageBand: string | null;
            area: string;
            consent: components["schemas"]["ConsentView"];
            considerationsForHost: string | null;
            constraints: components["schemas"]["ParticipantConstraintsView"];
            /** @description 担当コーディネーター（利用者）。未割当は null */
            coordinator: components["schemas"]["CoordinatorRef"] | null;
            /** Format: date-time */
            createdAt: string;
            criminalRecordNote: string | null;
            disabilityNote: string | null;
            displayName: string;
            embedding: components["schemas"]["EmbeddingStateView"];
            healthNote: string | null;
            householdNote: string | null;
            id: string;
            needs: string;
            /** @enum {string|null} */
            readinessStage: "daily_living" | "social_life" | "employment" | null;
            realName: string | null;
            /** @enum {string} */
            referralRoute: "hospital" | "school" | "care_manager" | "family" | "outreach" | "self" | "other";
            strengths: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        PersonConstraintsDto: {
            availableDays?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /** @description 避けたい負担（talking 人と話す / physical 体力 / literacy 読み書き） */
            avoid?: ("talking" | "physical" | "literacy")[];
            maxTravelMinutes?: number;
            preferredAccommodations?: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
        };
        PlacementDetailDto: {
            /** Format: date-time */
            activeAt: string | null;
            /** @description 定着で終結した紹介の、まだ記録のない「その後の様子確認」（host には返しません） */
            afterClosureContact?: components["schemas"]["AfterClosureContactDto"] | null;
            checkins?: components["schemas"]["CheckinDto"][];
            /** Format: date-time */
            closedAt: string | null;
            /** @description 担当（host には返しません） */
            coordinatorId?: string | null;
            events?: components["schemas"]["PlacementEventDto"][];
            followUp: components["schemas"]["PlacementFollowUpDto"] | null;
            /** Format: uuid */
            id: string;
            /** @description コーディネーターのメモ（host には返しません） */
            note?: string | null;
            /** @enum {string|null} */
            outcome: "settled" | "withdrew" | "host_declined" | "rematched" | "other" | null;
            /** @description host には本人が同意した項目だけ（仮名・年代など） */
            participant: components["schemas"]["PlacementParticipantDto"] | null;
            /** Format: date-time */
            proposedAt: string;
            /** @description この紹介の前の（つなぎなおし元の）紹介 id */
            rematchedFrom?: string | null;
            /** @description つなぎなおし先の紹介 id */
            rematchedTo?: string | null;
            resource: components["schemas"]["PlacementResourceDto"];
            /** @enum {string} */
            state: "proposed" | "visit" | "trial" | "active" | "closed";
            /** @description 状態の日本語（提案・見学・体験・参加・受入・終結） */
            stateLabel: string;
            /** @example 2026-12-09 */
            trialDate: string | null;
            /** @example 2026-12-02 */
            visitDate: string | null;
        };
        PlacementEventDto: {
            actorRole: string;
            /** @enum {string|null} */
            fromState: "proposed" | "visit" | "trial" | "active" | "closed" | null;
            note: string | null;
            /** Format: date-time */
            occurredAt: string;
            /** @enum {string|null} */
            outcome: "settled" | "withdrew" | "host_declined" | "rematched" | "other" | null;
            /** @enum {string} */
            toState: "proposed" | "visit" | "trial" | "active" | "closed";
        };
        PlacementFollowUpDto: {
            /** @description 終結（定着）後の「その後の様子確認」（受入先には表示しません） */
            afterClosureContacts?: components["schemas"]["AfterClosureContactDto"][];
            checkpoints: components["schemas"]["FollowUpCheckpointDto"][];
            /** @example 2027-02-27 */
            endsOn: string;
            plans?: components["schemas"]["FollowUpPlanDto"][];
            /** @example 2026-11-29 */
            startsOn?: string;
        };
        PlacementOrganizationDto: {
            /** Format: uuid */
            id: string;
            name: string;
        };
        PlacementPageDto: {
            items: components["schemas"]["PlacementSummaryDto"][];
            limit: number;
            /** @description 次のページの cursor（これを cursor に渡す。最後のページでは null） */
            nextCursor: string | null;
            page: number;
            total: number;
            /** @description true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数 */
            totalEstimated: boolean;
        };
        PlacementParticipantDto: {
            /**
             * @description 詳細でだけ返します
             * @enum {string}
             */
            consentStatus?: "pending" | "obtained" | "withdrawn";
            /** @description 仮名・コード */
            displayName: string;
            /** Format: uuid */
            id: string;
        };
        PlacementResourceDto: {
            /** Format: uuid */
            id: string;
            organization: components["schemas"]["PlacementOrganizationDto"];
            title: string;
        };
        PlacementSummaryDto: {
            /** Format: date-time */
            activeAt: string | null;
            /** @description 定着で終結した紹介の、まだ記録のない「その後の様子確認」（host には返しません） */
            afterClosureContact?: components["schemas"]["AfterClosureContactDto"] | null;
            /** Format: date-time */
            closedAt: string | null;
            /** @description 担当（host には返しません） */
            coordinatorId?: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string|null} */
            outcome: "settled" | "withdrew" | "host_declined" | "rematched" | "other" | null;
            /** @description host には本人が同意した項目だけ（仮名・年代など） */
            participant: components["schemas"]["PlacementParticipantDto"] | null;
            /** Format: date-time */
            proposedAt: string;
            resource: components["schemas"]["PlacementResourceDto"];
            /** @enum {string} */
            state: "proposed" | "visit" | "trial" | "active" | "closed";
            /** @description 状態の日本語（提案・見学・体験・参加・受入・終結） */
            stateLabel: string;
            /** @example 2026-12-09 */
            trialDate: string | null;
            /** @example 2026-12-02 */
            visitDate: string | null;
        };
        PlanList: {
            /** @description 策定日の新しい順 */
            items: components["schemas"]["PlanView"][];
        };
        PlanView: {
            /** @description 策定したコーディネーター（利用者） */
            coordinator: components["schemas"]["CoordinatorRef"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /**
             * @description 策定日（東京の日付）
             * @example 2026-11-27
             */
            madeOn: string;
            note: string | null;
            /** Format: uuid */
            participantId: string;
            /**
             * @description initial 初回 / revision 見直し
             * @enum {string}
             */
            planKind: "initial" | "revision";
        };
        RecomputeDueDatesDto: {
            /**
             * @description true で実際に移動します（省略時は移動する確認日の一覧だけを返します）
             * @default false
             */
            apply: boolean;
        };
        RecomputeDueDatesResultDto: {
            /** @description true: 移動した / false: 一覧だけ（試算） */
            applied: boolean;
            /** @description 調べた確認日（参加・受入中の紹介の、まだ期日前の確認日） */
            checked: number;
            moved: components["schemas"]["MovedCheckpointDto"][];
        };
        ReportRecordDto: {
            area: string | null;
            /** @description 日時（ISO 8601）または日付（YYYY-MM-DD） */
            at: string;
            id: string;
            /** @enum {string} */
            kind: "placement" | "participant" | "plan" | "checkpoint" | "checkin" | "search" | "resource" | "organization" | "unmet_need";
            outcome: string | null;
            participantId: string | null;
            /** @description 本人の表示名（削除済みは「（削除済み）」） */
            participantName: string | null;
            placementId: string | null;
            /** @description 資源のタイトル（受入先の指標では受入先名） */
            resourceTitle: string | null;
            state: string | null;
            /** @description 未充足ニーズの記録の要約（本人を特定しない短い文）。ほかの記録では null */
            summary: string | null;
            type: string | null;
        };
        ReportRecordsDto: {
            area: string | null;
            /** @description 担当地区の外の本人の記録（未充足ニーズでは担当地区の外の記録）は含まない（地区を限られたコーディネーター） */
            areaLimited: boolean;
            /** @description 記録は現在のデータから（スナップショットの数値とは、その後の修正の分だけ違うことがある） */
            asOf: string;
            /** @example matches.total */
            key: string;
            label: string;
            /** @example 2025-10 */
            month: string;
            records: components["schemas"]["ReportRecordDto"][];
            type: string | null;
        };
        ResourceEmbeddingView: {
            /** Format: date-time */
            embeddedAt: string | null;
            model: string | null;
            /** @enum {string} */
            status: "pending" | "ready" | "failed";
        };
        ResourcePage: {
            items: components["schemas"]["ResourceView"][];
            limit: number;
            /** @description 次のページの cursor（これを cursor に渡す。最後のページでは null） */
            nextCursor: string | null;
            page: number;
            total: number;
            /** @description true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数 */
            totalEstimated: boolean;
        };
        ResourceSummaryView: {
            accessMinutes: number | null;
            accommodations: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
            area: string;
            capacity: number;
            demands: components["schemas"]["DemandsView"];
            frequencyNote: string | null;
            id: string;
            nearestStation: string | null;
            organization: components["schemas"]["OrganizationRef"];
            /** @enum {string} */
            reward: "unpaid" | "honorarium" | "paid";
            schedule: components["schemas"]["ScheduleSlotView"][];
            title: string;
            /** @enum {string} */
            type: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other";
            /** @example 居場所 */
            typeLabel: string;
            vacancies: number;
        };
        ResourceView: {
            acceptsOutsideEligibility: boolean;
            accessMinutes: number | null;
            accommodations: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
            address: string | null;
            area: string;
            capacity: number;
            /** Format: date-time */
            createdAt: string;
            demands: components["schemas"]["DemandsView"];
            description: string;
            embedding: components["schemas"]["ResourceEmbeddingView"];
            frequencyNote: string | null;
            id: string;
            latitude: number | null;
            longitude: number | null;
            nearestStation: string | null;
            organization: components["schemas"]["OrganizationRef"];
            organizationId: string;
            /** @enum {string} */
            reward: "unpaid" | "honorarium" | "paid";
            schedule: components["schemas"]["ScheduleSlotView"][];
            /** @enum {string} */
            status: "open" | "paused" | "closed";
            tasks: string[];
            title: string;
            /** @enum {string} */
            type: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other";
            /** Format: date-time */
            updatedAt: string;
            vacancies: number;
        };
        ScheduleSlotDto: {
            /** @enum {string} */
            day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
            /** @example 12:00 */
            end: string;
            /** @example 10:00 */
            start: string;
        };
        ScheduleSlotView: {
            /** @enum {string} */
            day: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
            /** @example 12:00 */
            end: string;
            /** @example 10:00 */
            start: string;
        };
        SearchFiltersDto: {
            /** @description すべてを満たす資源だけ */
            accommodations?: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
            /**
             * @example [
             *       "中央",
             *       "東部"
             *     ]
             */
            areas?: string[];
            /** @description このいずれかの曜日に活動がある資源だけ */
            days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
            /** @description 最寄り駅・バス停からの所要時間（分）の上限。未登録の資源は除外 */
            maxTravelMinutes?: number;
            types?: ("ibasho" | "work_experience" | "volunteer" | "housing_support" | "other")[];
        };
        SearchMatchesDto: {
            constraints?: components["schemas"]["PersonConstraintsDto"];
            filters?: components["schemas"]["SearchFiltersDto"];
            /** @description 希望文から読み取った条件のうち、使わないもの（field と value が同じ読み取りを外します） */
            ignore?: components["schemas"]["IgnoreUnderstoodDto"][];
            /**
             * @description 満員（空き 0）の資源も含める
             * @default false
             */
            includeFull: boolean;
            /** @default 10 */
            limit: number;
            /**
             * @description 本人の希望・苦手なこと（2000 文字以内）。participantId を指定した場合は省略可
             * @example 人と話すのが苦手。静かな場所で黙々とできる作業を、週1回短時間から
             */
            needs?: string;
            /** @description 登録済みの本人。保存された希望と条件を使います */
            participantId?: string;
        };
        SearchResponse: {
            model: string;
            needsChunks: number;
            needsLong: boolean;
            results: components["schemas"]["SearchResultView"][];
            /** @description 希望文から読み取った条件（やわらかい条件として順位に反映。ignore で外したものは含まない）。docs/matching.md「希望文の読み取り」 */
            understood: components["schemas"]["UnderstoodView"][];
            /** @description 合う資源が見つからなかった（未充足ニーズ） */
            unmet: boolean;
        };
        SearchResultView: {
            /** @description 注意（日本語）。本人の条件に合わない点（曜日・時間帯・移動時間・体力などの負担・満員）と、似た希望の方の早い終結 */
            cautions: string[];
            /** @description 合う理由（日本語）。本人の条件に合う点・希望文の語句の引用（『…』→ …） */
            reasons: string[];
            resource: components["schemas"]["ResourceSummaryView"];
            score: number;
            signals: components["schemas"]["SignalsView"];
        };
        SessionDto: {
            /**
             * Format: date-time
             * @description 操作があってもこの時刻にセッションが切れます
             */
            absoluteExpiresAt: string;
            /** @description Cookie で認証する POST/PUT/PATCH/DELETE に X-CSRF-Token ヘッダーで付ける値 */
            csrfToken: string;
            /**
             * Format: date-time
             * @description 操作がなければこの時刻にセッションが切れます（X-Background: 1 の要求は操作に数えません）
             */
            idleExpiresAt: string;
            user: components["schemas"]["SessionUserDto"];
        };
        SessionUserDto: {
            /** @description coordinator の担当地区（null は全地区） */
            areas: string[] | null;
            /** @example 山田 花子 */
            displayName: string;
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description host の受入先
             */
            organizationId: string | null;
            /** @enum {string} */
            role: "admin" | "coordinator" | "host" | "viewer";
        };
        SignalsView: {
            /** @description 活動内容の合い方（-1〜1）: 希望文の「希望する内容」のうち資源が当たる割合、「避けたい内容」に当たれば -1（docs/matching.md §8） */
            concept: number;
            /** @description 本人の条件への適合（-1〜1） */
            fit: number;
            /** @description キーワードの一致（0〜1） */
            lexical: number;
            /** @description 意味の近さ（0〜1） */
            vector: number;
        };
        SignInDto: {
            /**
             * @description ログイン ID（メールアドレスまたはログイン名。大文字・小文字は区別しません）
             * @example demo-coordinator
             */
            login: string;
            /**
             * Format: password
             * @description パスワード
             */
            password: string;
        };
        SuppressedCellDto: {
            /**
             * @description 「N未満」（小さな数）または「秘匿」（逆算を防ぐための追加の秘匿）
             * @example 3未満
             */
            display: string;
            /** @enum {boolean} */
            suppressed: true;
            /** @description 秘匿したセルは null */
            value: null | null;
        };
        TransitionDto: {
            /**
             * @description outcome が settled（定着）のとき：「その後の様子確認」を何日後に予定するか（0 はしない。省略時はサービスの既定）
             * @example 180
             */
            afterClosureContactDays?: number;
            /**
             * @description visit・trial のとき：見学日・体験日（YYYY-MM-DD、体験日は見学日以降）。active のとき：参加・受入の開始日（省略時は今日・東京時間）。今日以前で、90 日前より後、記録済みの見学日・体験日以降。フォローの確認日はこの日から数え、過ぎた確認日はすぐ「時期」になります
             * @example 2026-11-27
             */
            date?: string;
            /** @description to が active のときのフォロー計画 */
            followUp?: components["schemas"]["FollowUpOptionsDto"];
            note?: string;
            /**
             * @description closed のとき必須：settled 定着 / withdrew 中断 / host_declined 受入先の辞退 / rematched つなぎなおし / other
             * @enum {string}
             */
            outcome?: "settled" | "withdrew" | "host_declined" | "rematched" | "other";
            /** @description つなぎなおし先の紹介（placement）id */
            rematchedTo?: string;
            /** @enum {string} */
            to: "visit" | "trial" | "active" | "closed";
        };
        UnderstoodView: {
            /** @description false: 登録済み・入力済みの同じ項目の条件が優先され、この読み取りは使われていない */
            applied: boolean;
            /**
             * @description 条件の項目
             * @enum {string}
             */
            field: "avoid" | "preferredAccommodations" | "availableDays" | "timeOfDay" | "sessionsPerWeek" | "sessionMinutes" | "maxTravelMinutes" | "travel" | "setting" | "reward" | "concept" | "avoidConcept";
            /** @description 日本語の表示（例「避けたいこと: 人と話す」） */
            label: string;
            /**
             * @description 読み取りのもとになった希望文の語句
             * @example 人と話すのが苦手
             */
            phrase: string;
            /** @description 値（曜日・配慮などのコード、または回数・分） */
            value: string | number;
        };
        UnmetNeedPage: {
            items: components["schemas"]["UnmetNeedView"][];
            limit: number;
            /** @description 次のページの cursor（これを cursor に渡す。最後のページでは null） */
            nextCursor: string | null;
            page: number;
            total: number;
            /** @description true のとき total は統計による推定値（件数が多い一覧）。false のときは正確な件数 */
            totalEstimated: boolean;
        };
        UnmetNeedView: {
            area: string;
            /**
             * Format: date-time
             * @description 記録した日時
             */
            createdAt: string;
            id: string;
            /** @description 記録した職員の表示名（APIトークンで記録したときはその持ち主、持ち主のないトークンはトークン名）。分からなければ null */
            recordedBy: string | null;
            /** @enum {string|null} */
            resourceType: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other" | null;
            /** @example 就労体験 */
            resourceTypeLabel: string | null;
            summary: string;
        };
        UpdateOrganizationDto: {
            /**
             * @description 市町村が使う地区名
             * @example 中央
             */
            area?: string | null;
            contact?: components["schemas"]["ContactDto"];
            /** @description 集計で開拓（新規の受入先・資源）として数えるか。一覧の取り込みで登録した受入先は false。本当に開拓した受入先なら true にする（その受入先の取り込んだ資源も同じ）。支援員と管理者だけが変えられます */
            developed?: boolean;
            /**
             * @description developing 開拓中 / accepting 受入可 / suspended 休止
             * @enum {string}
             */
            developmentStatus?: "developing" | "accepting" | "suspended";
            /** @enum {string} */
            kind?: "npo" | "social_welfare_council" | "social_welfare_corporation" | "company" | "farm" | "shop" | "neighbourhood_association" | "municipality" | "cooperative" | "disability_service" | "school" | "religious" | "general_incorporated_association" | "medical_corporation" | "commerce_association" | "citizen_group" | "other";
            /**
             * @description kind が other のときの種別の名前
             * @example 社団法人（旧制度）
             */
            kindLabel?: string | null;
            /** @example NPO法人みどりの木 */
            name?: string;
            notes?: string | null;
        };
        UpdateParticipantDto: {
            /** @example 30代 */
            ageBand?: string | null;
            /** @example 中央 */
            area?: string;
            /** @description 受入先に伝えたい配慮（本人の同意範囲で表示） */
            considerationsForHost?: string | null;
            constraints?: components["schemas"]["ParticipantConstraintsDto"];
            /**
             * Format: uuid
             * @description 担当コーディネーター（利用者 id）。省略時はコーディネーターが登録すれば本人、admin なら未割当（null）。ほかのコーディネーターを指定できるのは admin だけで、その人の担当地区に本人の地区が含まれている必要があります
             */
            coordinatorId?: string | null;
            /** @description 犯罪歴等（要配慮個人情報） */
            criminalRecordNote?: string | null;
            /** @description 障害（要配慮個人情報） */
            disabilityNote?: string | null;
            /**
             * @description 仮名・コード（実名でなくてよい）
             * @example Aさん
             */
            displayName?: string;
            /** @description 健康状態（要配慮個人情報） */
            healthNote?: string | null;
            /** @description 世帯の状況（要配慮） */
            householdNote?: string | null;
            /** @description 本人の希望・やりたいこと・苦手なこと（2000 文字以内） */
            needs?: string;
            /**
             * @description daily_living 日常生活自立 / social_life 社会生活自立 / employment 就労自立
             * @enum {string|null}
             */
            readinessStage?: "daily_living" | "social_life" | "employment" | null;
            /** @description 実名（任意） */
            realName?: string | null;
            /** @enum {string} */
            referralRoute?: "hospital" | "school" | "care_manager" | "family" | "outreach" | "self" | "other";
            /** @description 得意なこと・興味 */
            strengths?: string | null;
        };
        UpdateResourceDto: {
            /** @description 本来の対象外の人も受け入れるか */
            acceptsOutsideEligibility?: boolean;
            /** @description 最寄り駅・バス停からの所要時間（分） */
            accessMinutes?: number | null;
            /** @description 配慮・受入れ条件（README の一覧を参照） */
            accommodations?: ("visit_ok" | "accompany_ok" | "trial_ok" | "small_group" | "short_hours" | "quiet" | "seated" | "supporter_on_site" | "flexible_schedule" | "little_talking" | "solo_work" | "barrier_free" | "transport" | "meal" | "women_only" | "youth" | "online")[];
            address?: string | null;
            /**
             * @description 市町村が使う地区名
             * @example 中央
             */
            area?: string;
            capacity?: number;
            demands?: components["schemas"]["DemandsDto"];
            /** @description 活動の説明（この文章が意味検索に使われます） */
            description?: string;
            /** @example 月2回（第1・第3水曜） */
            frequencyNote?: string | null;
            latitude?: number | null;
            longitude?: number | null;
            /** @example みどり中央駅 */
            nearestStation?: string | null;
            organizationId?: string;
            /**
             * @description unpaid 無償 / honorarium 謝礼 / paid 有償
             * @enum {string}
             */
            reward?: "unpaid" | "honorarium" | "paid";
            schedule?: components["schemas"]["ScheduleSlotDto"][];
            /**
             * @default open
             * @enum {string}
             */
            status: "open" | "paused" | "closed";
            /**
             * @example [
             *       "草取り",
             *       "収穫"
             *     ]
             */
            tasks?: string[];
            /** @example 農園での草取り・収穫体験 */
            title?: string;
            /**
             * @description ibasho 居場所 / work_experience 就労体験 / volunteer ボランティア / housing_support 住まい支援 / other
             * @enum {string}
             */
            type?: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other";
            /** @description 現在の空き（capacity 以下） */
            vacancies?: number;
        };
        UpdateUserDto: {
            /** @description coordinator の担当地区（null で全地区） */
            areas?: string[] | null;
            displayName?: string;
            email?: string | null;
            /** @description 受入先の職員管理者にする・外す（host だけ、admin が変更） */
            organizationAdmin?: boolean;
            /**
             * @description disabled: 直ちにサインイン中のセッションを終了し、持ち主である API トークンを失効させます
             * @enum {string}
             */
            status?: "active" | "disabled";
        };
        UserDto: {
            areas: string[] | null;
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            email: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastSignInAt: string | null;
            login: string;
            /** @description 受入先の職員管理者（自団体の職員を招待できる） */
            organizationAdmin: boolean;
            /** Format: uuid */
            organizationId: string | null;
            /** @enum {string} */
            role: "admin" | "coordinator" | "host" | "viewer";
            /**
             * @description invited: パスワード未設定 / active: 利用中 / disabled: 無効
             * @enum {string}
             */
            status: "invited" | "active" | "disabled";
        };
        UserPageDto: {
            items: components["schemas"]["UserDto"][];
            limit: number;
            page: number;
            total: number;
        };
        WebSettingsDto: {
            /**
             * @description この日数より前に更新された受入枠について、受入先に内容の確認を促す（HOST_STALE_DAYS）
             * @example 30
             */
            hostStaleDays: number;
        };
        WorklistParticipantDto: {
            /** @description 仮名・コード */
            displayName: string;
            /** Format: uuid */
            id: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuditController_list: {
        parameters: {
            query?: {
                /** @description 続きの位置：前の応答の nextCursor をそのまま渡すと、その次の limit 件を返す（キーセット方式。行が増えても重複・欠落しない）。指定したときは page を使わない */
                cursor?: string;
                format?: "json" | "csv";
                from?: string;
                limit?: number;
                page?: number;
                /** @description この本人の記録を誰が見たか */
                participantId?: string;
                /** @description 経路の一部（例: GET /api/v1/placements）。大文字・小文字を区別しない */
                route?: string;
                to?: string;
                tokenId?: string;
                /** @description この利用者が行ったこと、またはこの利用者のアカウントに関すること（サインインなど） */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description format=csv のときは text/csv（UTF-8、BOM 付き） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
        };
    };
    FollowUpCalendarController_feed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/calendar（RFC 5545） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    ImportController_export: {
        parameters: {
            query?: {
                format?: "xlsx" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description xlsx または csv のファイル */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv": string;
                };
            };
        };
    };
    ImportController_template: {
        parameters: {
            query?: {
                format?: "xlsx" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description xlsx または csv のファイル */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv": string;
                };
            };
        };
    };
    WorklistController_due: {
        parameters: {
            query?: {
                /** @description today 今日が期日 / overdue 期日を過ぎた / all 両方 */
                due?: "all" | "today" | "overdue";
                limit?: number;
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DueCheckpointPageDto"];
                };
            };
        };
    };
    FollowUpCalendarController_recompute: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecomputeDueDatesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecomputeDueDatesResultDto"];
                };
            };
        };
    };
    WorklistController_nextSteps: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
                /** @description 次の一歩の理由で絞り込む */
                reason?: "no_visit_date" | "trial_ended" | "final_checkpoint";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NextStepPageDto"];
                };
            };
        };
    };
    FollowUpCalendarController_due: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DueListDto"];
                };
            };
        };
    };
    HsdsController_about: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsObjectDto"];
                };
            };
        };
    };
    HsdsController_dataset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsObjectDto"];
                };
            };
        };
    };
    HsdsController_organizations: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsPageDto"];
                };
            };
        };
    };
    HsdsController_organization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsObjectDto"];
                };
            };
        };
    };
    HsdsController_services: {
        parameters: {
            query?: {
                page?: number;
                per_page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsPageDto"];
                };
            };
        };
    };
    HsdsController_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsObjectDto"];
                };
            };
        };
    };
    HsdsController_taxonomyTerms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HsdsPageDto"];
                };
            };
        };
    };
    ImportController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: string;
                    /** @enum {string} */
                    format?: "xlsx" | "csv" | "hsds";
                    /** @description {"見出し": "項目名" | null} の JSON */
                    mapping?: string;
                };
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStartedDto"];
                };
            };
        };
    };
    ImportController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDto"];
                };
            };
        };
    };
    ImportController_commit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommitImportDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStartedDto"];
                };
            };
        };
    };
    SessionController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedInvitationDto"];
                };
            };
        };
    };
    MatchController_search: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchMatchesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResponse"];
                };
            };
        };
    };
    SessionController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
        };
    };
    FollowUpCalendarController_enableFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedDto"];
                };
            };
        };
    };
    FollowUpCalendarController_revokeFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    NotificationController_list: {
        parameters: {
            query?: {
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDto"][];
                };
            };
        };
    };
    NotificationController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OrganizationController_list: {
        parameters: {
            query?: {
                area?: string;
                /** @description 開拓の状況（developing 開拓中 は受入先の開拓のフォロー用） */
                developmentStatus?: "developing" | "accepting" | "suspended";
                kind?: "npo" | "social_welfare_council" | "social_welfare_corporation" | "company" | "farm" | "shop" | "neighbourhood_association" | "municipality" | "cooperative" | "disability_service" | "school" | "religious" | "general_incorporated_association" | "medical_corporation" | "commerce_association" | "citizen_group" | "other";
                limit?: number;
                page?: number;
                /** @description 名前の部分一致 */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPage"];
                };
            };
        };
    };
    OrganizationController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description 再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganizationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationView"];
                };
            };
        };
    };
    OrganizationController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationView"];
                };
            };
        };
    };
    OrganizationController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganizationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationView"];
                };
            };
        };
    };
    ParticipantController_list: {
        parameters: {
            query?: {
                area?: string;
                consentStatus?: "not_obtained" | "obtained" | "withdrawn";
                /** @description この利用者が担当の本人だけ */
                coordinatorId?: string;
                /** @description 続きの位置：前の応答の nextCursor をそのまま渡すと、その次の limit 件を返す（キーセット方式。行が増えても重複・欠落しない）。指定したときは page を使わない */
                cursor?: string;
                limit?: number;
                page?: number;
                /** @description 表示名（仮名・コード）の一部 */
                q?: string;
                readinessStage?: "daily_living" | "social_life" | "employment";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParticipantPage"];
                };
            };
        };
    };
    ParticipantController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description 再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateParticipantDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParticipantView"];
                };
            };
        };
    };
    ParticipantController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParticipantView"];
                };
            };
        };
    };
    ParticipantController_erase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ParticipantController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateParticipantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParticipantView"];
                };
            };
        };
    };
    ParticipantController_consent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParticipantView"];
                };
            };
        };
    };
    ParticipantController_consents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentHistory"];
                };
            };
        };
    };
    ParticipantController_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 本人の記録、同意の履歴、紹介とその経過、確認の記録、参加支援プラン（supportPlans）、監査ログの該当行をそのまま含む JSON 文書 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    PlanController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanList"];
                };
            };
        };
    };
    PlanController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description 再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanView"];
                };
            };
        };
    };
    PlacementController_list: {
        parameters: {
            query?: {
                coordinatorId?: string;
                /** @description 続きの位置：前の応答の nextCursor をそのまま渡すと、その次の limit 件を返す（キーセット方式。行が増えても重複・欠落しない）。指定したときは page を使わない */
                cursor?: string;
                limit?: number;
                page?: number;
                participantId?: string;
                resourceId?: string;
                state?: "proposed" | "visit" | "trial" | "active" | "closed";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementPageDto"];
                };
            };
        };
    };
    PlacementController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description 再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlacementDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    PlacementController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    FollowUpController_checkin: {
        parameters: {
            query?: never;
            header?: {
                /** @description 再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCheckinDto"];
            };
        };
        responses: {
            /** @description 記録後の紹介 */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    PlacementController_confirmDates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmDatesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    FollowUpController_extend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendFollowUpDto"];
            };
        };
        responses: {
            /** @description 延長後の紹介 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    FollowUpController_hostFeedback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HostFeedbackDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    PlacementController_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlacementDetailDto"];
                };
            };
        };
    };
    ReportController_fiscalYear: {
        parameters: {
            query?: {
                /** @description xlsx は市の様式に近い Excel ブック */
                format?: "json" | "csv" | "xlsx";
                /** @description スナップショットではなく現在のデータで再計算する */
                live?: boolean;
                /** @description 小さな数の秘匿（社協の外に出す集計用）。内訳でこの値未満（1 以上）のセルを「N未満」とし、合計や他の月から逆算できないよう追加のセルを「秘匿」にする（docs/reports.md） */
                suppressBelow?: number;
            };
            header?: never;
            path: {
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FiscalYearReportDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["FiscalYearReportDto"];
                    "text/csv": components["schemas"]["FiscalYearReportDto"];
                };
            };
        };
    };
    ReportController_monthly: {
        parameters: {
            query?: {
                /** @description xlsx は市の様式に近い Excel ブック */
                format?: "json" | "csv" | "xlsx";
                /** @description スナップショットではなく現在のデータで再計算する */
                live?: boolean;
                /** @description 小さな数の秘匿（社協の外に出す集計用）。内訳でこの値未満（1 以上）のセルを「N未満」とし、合計や他の月から逆算できないよう追加のセルを「秘匿」にする（docs/reports.md） */
                suppressBelow?: number;
            };
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthReportDto"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["MonthReportDto"];
                    "text/csv": components["schemas"]["MonthReportDto"];
                };
            };
        };
    };
    ReportController_records: {
        parameters: {
            query?: {
                /** @description 内訳の地区（場所の地区、本人の地区、検索条件の地区のいずれか。指標による） */
                area?: string;
                /** @description 内訳の資源の種別（コード。例: ibasho） */
                type?: string;
            };
            header?: never;
            path: {
                key: string;
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportRecordsDto"];
                };
            };
        };
    };
    ResourceController_list: {
        parameters: {
            query?: {
                area?: string[];
                /** @description 続きの位置：前の応答の nextCursor をそのまま渡すと、その次の limit 件を返す（キーセット方式。行が増えても重複・欠落しない）。指定したときは page を使わない */
                cursor?: string;
                limit?: number;
                organizationId?: string;
                page?: number;
                /** @description タイトル・説明・作業内容の部分一致 */
                q?: string;
                status?: ("open" | "paused" | "closed")[];
                type?: ("ibasho" | "work_experience" | "volunteer" | "housing_support" | "other")[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourcePage"];
                };
            };
        };
    };
    ResourceController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description 再送しても二重に登録しないためのキー（1〜200 文字、24 時間有効）。同じキーの再送には最初の応答を返し、内容が違えば 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateResourceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceView"];
                };
            };
        };
    };
    ResourceController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceView"];
                };
            };
        };
    };
    ResourceController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ResourceController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateResourceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceView"];
                };
            };
        };
    };
    MatchController_candidates: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandidatesResponse"];
                };
            };
        };
    };
    ResourceController_adjustVacancies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdjustVacanciesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResourceView"];
                };
            };
        };
    };
    SessionController_current: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1: 自動の問い合わせ（通知バッジなど）。操作に数えず、無操作の時間を延ばしません */
                "X-Background"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            /** @description API トークンで呼んだとき（セッションはありません） */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SessionController_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            /** @description ログイン ID またはパスワードが正しくない（どちらかは明かしません） */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 失敗が続いたため一時的にロック中（retryAfterSeconds, retryAt） */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SessionController_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ApiTokenController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenDto"][];
                };
            };
        };
    };
    ApiTokenController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiTokenDto"];
                };
            };
        };
    };
    ApiTokenController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    UnmetNeedController_list: {
        parameters: {
            query?: {
                area?: string;
                /** @description 続きの位置：前の応答の nextCursor をそのまま渡すと、その次の limit 件を返す（キーセット方式。行が増えても重複・欠落しない）。指定したときは page を使わない */
                cursor?: string;
                limit?: number;
                page?: number;
                resourceType?: "ibasho" | "work_experience" | "volunteer" | "housing_support" | "other";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnmetNeedPage"];
                };
            };
        };
    };
    UnmetNeedController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUnmetNeedDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnmetNeedView"];
                };
            };
        };
    };
    UserController_list: {
        parameters: {
            query?: {
                limit?: number;
                organizationId?: string;
                page?: number;
                role?: "admin" | "coordinator" | "host" | "viewer";
                status?: "invited" | "active" | "disabled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
        };
    };
    UserController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationLinkDto"];
                };
            };
        };
    };
    UserController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    UserController_issueLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationLinkDto"];
                };
            };
        };
    };
    WebSettingsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebSettingsDto"];
                };
            };
        };
    };
    HealthController_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description どれかが使えないとき（理由つき） */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
}
