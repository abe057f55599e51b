package com.communitypulse.api;

import com.communitypulse.devkit.DynamoDbLocal;
import com.communitypulse.devkit.TableCreator;
import com.communitypulse.score.store.DynamoDbContributorStore;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.score.ScoringService;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import java.time.Duration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A table filled through the real scorer, so the API reads what scoring really writes (public: the store tests use it too). */
public final class Seed {
    private final ScoringService scoring;

    public Seed(DynamoDbClient dynamo, String table) {
        this.scoring = new ScoringService(new DynamoDbContributorStore(dynamo, table), events -> { },
                new Scorer(ScoringConfig.defaults()), Duration.ofDays(400));
    }

    public static DynamoDbClient client(DynamoDbLocal db, ExecutionInterceptor... interceptors) {
        return db.client(interceptors);
    }

    public static void createTable(DynamoDbClient dynamo, String name) {
        TableCreator.createContributorTable(dynamo, name);
    }

    public void act(String id, String actor, String login, String type, String ts) {
        act(id, actor, login, CommunityAction.USER, type, ts, null, null, null);
    }

    public void act(String id, String actor, String login, String kind, String type, String ts, String thread,
             String threadAuthor, String target) {
        String platform = actor.substring(0, actor.indexOf(':'));
        scoring.handle(new CommunityAction(CommunityAction.EVENT, id, actor, login, kind,
                new ActionContext(platform, type, "octo-org/hello-world", null, null, null, null, null, thread,
                        threadAuthor, target, null), ts));
    }
}
